package nursery

// PanicCrashDelay lets process tests shorten the bound on a panic's wait.
var PanicCrashDelay = &panicCrashDelay
