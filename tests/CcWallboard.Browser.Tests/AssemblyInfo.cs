// The pages' stale timer runs on real time while the host's clock is driven by the tests: one test at a time keeps
// the browser and the host from competing for the CPU with another test's (2-core CI machines).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
