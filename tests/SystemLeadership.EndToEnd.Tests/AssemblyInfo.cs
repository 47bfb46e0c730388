// Each browser test class starts its own app and Chromium; on a 2-core CI machine four at once starve each other's
// circuits and make timing failures that a person would never see. One at a time is slower (a few minutes) but steady.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
