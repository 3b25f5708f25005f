// Present what both this host and a target machine have, so that a recording made here also
// replays there. The target is a CPU profile file:
//   xrr run --policy target-profile.js --policy-arg target=FILE -- PROGRAM
// The identity (vendor, brand, family, model) stays this host's; the features and XCR0 become
// the intersection of the two machines'.
cpu.intersect(profile('target'));
