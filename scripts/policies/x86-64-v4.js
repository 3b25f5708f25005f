// Present exactly psABI level x86-64-v4: the host must have every feature of the levels up to
// v4, and the features that the higher levels add are hidden, so glibc and every program that
// dispatches on the level choose their v4 code.
const level = psabi.level('x86-64-v4');
host.require(level.required);
cpu.hide(level.above);
