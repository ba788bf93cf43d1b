//! Writes the language file of every built-in language but English (always compiled in) to a
//! folder, as `<code>.json`: the files a build without those languages loads on demand
//! (`languagesLocation`; `scripts/build-bundle.sh` puts them in `pkg/i18n/`).
//!
//! ```sh
//! cargo run --example language_files -- pkg/i18n
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use hanko_elements::i18n::{language_file, Lang};

fn main() -> ExitCode {
    let Some(folder) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: language_files <folder>");
        return ExitCode::from(2);
    };
    if let Err(error) = std::fs::create_dir_all(&folder) {
        eprintln!("language_files: {}: {error}", folder.display());
        return ExitCode::FAILURE;
    }
    for lang in Lang::ALL.into_iter().filter(|lang| *lang != Lang::En) {
        let Some(json) = language_file(lang) else {
            eprintln!("language_files: {} is not compiled in", lang.code());
            return ExitCode::FAILURE;
        };
        let path = folder.join(format!("{}.json", lang.code()));
        if let Err(error) = std::fs::write(&path, json) {
            eprintln!("language_files: {}: {error}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
