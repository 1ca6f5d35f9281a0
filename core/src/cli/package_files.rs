//! What a package installs beside the binary, made from the command line's own definition
//! (so they never drift from it): the manual page (clap_mangen) and the shell completions
//! (clap_complete) for bash, zsh and fish.

use super::Outcome;
use super::args::Cli;
use clap::CommandFactory;
use std::path::Path;

/// The files written, by name.
pub const FILES: [&str; 4] = [
    "readingroom.1",
    "readingroom.bash",
    "_readingroom",
    "readingroom.fish",
];

/// Writes the manual page and the completions into `dir`.
pub fn generate(dir: &Path) -> Outcome {
    match write_all(dir) {
        Ok(()) => Outcome::ok(format!(
            "{}\n",
            FILES
                .iter()
                .map(|f| dir.join(f).display().to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )),
        Err(e) => Outcome::failure(format!("error: {}: {e}\n", dir.display())),
    }
}

fn write_all(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let cmd = Cli::command();
    let mut man = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut man)?;
    std::fs::write(dir.join(FILES[0]), man)?;
    for (shell, file) in [
        (clap_complete::Shell::Bash, FILES[1]),
        (clap_complete::Shell::Zsh, FILES[2]),
        (clap_complete::Shell::Fish, FILES[3]),
    ] {
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut cmd.clone(), "readingroom", &mut out);
        std::fs::write(dir.join(file), out)?;
    }
    Ok(())
}
