//! How the commands write: JSON lines for scripts, aligned tables for people, and files that
//! appear whole or not at all.

use std::io::{self, Write};
use std::path::Path;

use claimdesk::{Error, ErrorKind};

use super::Outcome;

/// Each item as one line of JSON.
pub fn write_jsonl<T: serde::Serialize>(
    out: &mut impl Write,
    items: impl IntoIterator<Item = T>,
) -> Outcome {
    for item in items {
        serde_json::to_writer(&mut *out, &item)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Columns padded to their widest cell (in characters); the last column is not padded.
pub fn write_table(
    out: &mut impl Write,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Outcome {
    let rows: Vec<Vec<String>> = rows.collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let header_row: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    for row in std::iter::once(&header_row).chain(&rows) {
        let last = row.len().saturating_sub(1);
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i < last {
                let pad = widths[i] - cell.chars().count() + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `text` on one line, its whitespace runs made single spaces.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` on one line, cut to `max` characters with "…".
pub fn clip(text: &str, max: usize) -> String {
    let flat = one_line(text);
    if flat.chars().count() <= max {
        return flat;
    }
    let mut clipped: String = flat.chars().take(max - 1).collect();
    clipped.push('…');
    clipped
}

/// Write to `path` through a temporary file in the same folder and a rename, so a reader
/// never sees half a report: `write` writes the content as it is made, and a failure part-way
/// leaves neither the file nor the temporary file behind. Without `force` an existing file is
/// never replaced (checked atomically by the rename itself).
pub fn write_atomically<T>(
    path: &Path,
    force: bool,
    write: impl FnOnce(&mut dyn Write) -> Result<T, Error>,
) -> Result<T, Error> {
    let exists_error = || {
        Error::new(
            ErrorKind::Conflict,
            format!(
                "{} already exists; pass --force to replace it, or choose another name with -o",
                path.display()
            ),
        )
    };
    if !force && path.exists() {
        return Err(exists_error());
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let context =
        |err: io::Error| Error::from(err).context(format!("cannot write {}", path.display()));
    let mut temp = tempfile::Builder::new()
        .prefix(".claimdesk-report-")
        .tempfile_in(folder)
        .map_err(context)?;
    let value = {
        let mut out = io::BufWriter::new(temp.as_file_mut());
        let value = write(&mut out).map_err(|err| {
            if err.kind() == ErrorKind::Io {
                err.context(format!("cannot write {}", path.display()))
            } else {
                err
            }
        })?;
        out.flush().map_err(context)?;
        value
    };
    temp.as_file().sync_all().map_err(context)?;
    // A temporary file is private (0600); a report is an ordinary document.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(context)?;
    }
    if force {
        temp.persist(path).map_err(|err| context(err.error))?;
    } else {
        temp.persist_noclobber(path).map_err(|err| {
            if err.error.kind() == io::ErrorKind::AlreadyExists {
                exists_error()
            } else {
                context(err.error)
            }
        })?;
    }
    Ok(value)
}

/// How a listing command writes.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for people.
    Table,
    /// One JSON object per line for scripts.
    Jsonl,
}
