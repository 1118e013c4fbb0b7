//! Messages of the `data` stage.
