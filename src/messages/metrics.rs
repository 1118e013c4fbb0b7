//! Messages of the `metrics` stage.
