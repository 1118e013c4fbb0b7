//! Messages of the `render` stage.
