//! `wuye init DIR`: a fresh estate from files embedded in the binary.

use crate::diagnostics::WuyeError;
use crate::messages::Lang;
use crate::messages::cli::CliMsg;
use include_dir::{Dir, include_dir};
use std::path::Path;

static NEW_ESTATE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/init/estate");

/// Writes a new estate into `dir`, which must be new or empty.
pub fn create(dir: &Path) -> Result<(), WuyeError> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| WuyeError::io(dir, e))?;
        if entries.next().is_some() {
            return Err(WuyeError::Message(
                CliMsg::InitNotEmpty {
                    dir: &dir.display().to_string(),
                }
                .text(Lang::default()),
            ));
        }
    }
    write_dir(&NEW_ESTATE, dir)
}

fn write_dir(source: &Dir<'static>, target: &Path) -> Result<(), WuyeError> {
    for file in source.files() {
        let path = target.join(file.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| WuyeError::io(parent, e))?;
        }
        std::fs::write(&path, file.contents()).map_err(|e| WuyeError::io(&path, e))?;
    }
    for sub in source.dirs() {
        write_dir(sub, target)?;
    }
    Ok(())
}
