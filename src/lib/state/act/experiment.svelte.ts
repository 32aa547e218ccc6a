/** The Actions page: the experiment and sample-size calculators (issue 16). Works without a dataset. */
export class ExperimentState {
}
