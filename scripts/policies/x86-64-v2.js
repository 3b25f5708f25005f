// Present exactly psABI level x86-64-v2: the host must have every feature of the levels up to
// v2, and the features that the higher levels add are hidden, so glibc and every program that
// dispatches on the level choose their v2 code.
const level = psabi.level('x86-64-v2');
host.require(level.required);
cpu.hide(level.above);
