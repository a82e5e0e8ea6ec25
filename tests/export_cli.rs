//! `claimdesk export` and `claimdesk import-json`, run as the built binary: every format, the
//! scope flags, never overwriting without `--force`, atomic writes, the organisation that
//! ClaimReview needs, and restoring an export into an empty database.

// The whole file is test code; clippy.toml's test allowance covers only #[test] functions,
// not the helpers beside them.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::Path;

use rstest::rstest;
use serde_json::Value;

use common::{Sandbox, jsonl};

/// A desk with the demo article, its first claim disputed with a link and its second verified.
fn reviewed_sandbox() -> (Sandbox, Vec<String>) {
    let sandbox = Sandbox::new();
    let demo = common::demo_text_path();
    sandbox.ok(&[
        "import",
        demo.to_str().unwrap(),
        "--url",
        "https://gazette.example/bridge",
    ]);
    let ids: Vec<String> = jsonl(&sandbox.ok(&["claims", "--format", "jsonl"]))
        .iter()
        .map(|c| c["id"].to_string())
        .collect();
    sandbox.ok(&[
        "mark", &ids[0], "disputed", "--by", "Ana Ruiz", "--note", "=1+1",
    ]);
    sandbox.ok(&[
        "evidence",
        "add",
        &ids[0],
        "https://eastbrook.example/minutes",
        "--stance",
        "refutes",
    ]);
    sandbox.ok(&["mark", &ids[1], "verified", "--by", "Ana Ruiz"]);
    (sandbox, ids)
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn temporary_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with(".claimdesk-report-"))
        .collect()
}

const ORG: [&str; 6] = [
    "--org-name",
    "Harbour Checks",
    "--org-url",
    "https://checks.example/",
    "--review-url-template",
    "https://checks.example/checks/{claim_id}",
];

#[rstest]
#[case::markdown("markdown", "# Verification report")]
#[case::html("html", "<!DOCTYPE html>")]
#[case::csv("csv", "\u{FEFF}claim_id,article_id,")]
#[case::json("json", "{\n  \"schema_version\": 1,")]
#[case::claimreview("claimreview", "{\n  \"@context\": \"https://schema.org\",")]
fn every_format_goes_to_standard_output(#[case] format: &str, #[case] start: &str) {
    let (sandbox, ids) = reviewed_sandbox();
    let mut args = vec!["export", "--format", format];
    args.extend(ORG);
    let out = sandbox.ok(&args);
    assert!(out.starts_with(start), "{out}");
    if format == "claimreview" {
        // Its claims have no verdict yet (the desk is on free text): left out, and said so.
        let output = sandbox.run(&args);
        assert!(String::from_utf8_lossy(&output.stderr).contains("no verdict"));
        return;
    }
    assert!(
        out.contains(&format!("claim-{}", ids[0]))
            || out.contains(&format!("/checks/{}\"", ids[0]))
            || out.contains(&format!("\n{},", ids[0]))
            || out.contains(&format!("\"id\": {},", ids[0]))
            || out.contains(&format!("Claim {}", ids[0])),
        "{format} does not show claim {}",
        ids[0]
    );
}

#[test]
fn the_scope_flags_narrow_the_report() {
    let (sandbox, ids) = reviewed_sandbox();
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let csv_rows = |args: &[&str]| {
        let mut all = vec!["export", "--format", "csv"];
        all.extend(args);
        let out = sandbox.ok(&all);
        csv::Reader::from_reader(out.trim_start_matches('\u{FEFF}').as_bytes())
            .records()
            .map(|r| r.unwrap()[0].to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(csv_rows(&["--status", "disputed"]), [ids[0].clone()]);
    assert_eq!(
        csv_rows(&["--since", &today, "--until", &today]),
        [ids[0].clone(), ids[1].clone()]
    );
    assert_eq!(
        csv_rows(&["--claim", &format!("{},{}", ids[1], ids[2])]).len(),
        2
    );
    assert_eq!(
        csv_rows(&["--article", "1", "--status", "verified"]),
        [ids[1].clone()]
    );

    let output = sandbox.run(&["export", "--format", "csv", "--since", "yesterday"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("YYYY-MM-DD"),
        "{}",
        stderr(&output)
    );
    let output = sandbox.run(&["export", "--format", "csv", "--claim", "999"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no claim 999"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn export_never_overwrites_without_force_and_writes_atomically() {
    let (sandbox, _) = reviewed_sandbox();
    let file = sandbox.path("report.html");
    let path = file.to_str().unwrap();
    let out = sandbox.ok(&["export", "--format", "html", "-o", path]);
    assert!(out.contains("Wrote"), "{out}");
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("<!DOCTYPE html>")
    );

    fs::write(&file, "the editor's own page").unwrap();
    let output = sandbox.run(&["export", "--format", "html", "-o", path]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&file).unwrap(), "the editor's own page");

    sandbox.ok(&["export", "--format", "html", "-o", path, "--force"]);
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("<!DOCTYPE html>")
    );

    // A write that fails half-way (the target is a folder, so the final rename fails) leaves
    // neither a report nor a temporary file behind.
    let folder = sandbox.path("a-folder");
    fs::create_dir(&folder).unwrap();
    let output = sandbox.run(&[
        "export",
        "--format",
        "csv",
        "-o",
        folder.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("cannot write"),
        "{}",
        stderr(&output)
    );
    assert!(folder.is_dir());
    assert_eq!(temporary_files(sandbox.dir.path()), Vec::<String>::new());
}

#[test]
fn claimreview_needs_the_organisation_and_says_how_to_give_it() {
    let (sandbox, ids) = reviewed_sandbox();
    let file = sandbox.path("reviews.jsonld");
    let path = file.to_str().unwrap();
    let output = sandbox.run(&["export", "--format", "claimreview", "-o", path]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("--org-name") && message.contains("--org-url"),
        "{message}"
    );
    assert!(!file.exists(), "nothing is written when the export fails");

    let mut args = vec!["export", "--format", "claimreview", "-o", path];
    args.extend(ORG);
    let output = sandbox.run(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    // On free text, a reviewed claim without a verdict has nothing to publish as its rating:
    // it is left out, named, and the editor is told what is missing.
    let warned = stderr(&output);
    assert!(warned.contains("warning: Left out"), "{warned}");
    assert!(warned.contains("no verdict"), "{warned}");
    let document: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(document["@graph"].as_array().unwrap().len(), 0);

    sandbox.ok(&["mark", &ids[0], "disputed", "--verdict", "Misleading"]);
    sandbox.ok(&["mark", &ids[1], "verified", "--verdict", "Accurate"]);
    let mut args = vec!["export", "--format", "claimreview", "--force", "-o", path];
    args.extend(ORG);
    let output = sandbox.run(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    // The claims still open are left out, and the editor is told.
    assert!(stderr(&output).contains("warning: "), "{}", stderr(&output));
    let document: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    let reviews = document["@graph"].as_array().unwrap();
    assert_eq!(reviews.len(), 2);
    assert_eq!(
        reviews[0]["url"],
        format!("https://checks.example/checks/{}", ids[0])
    );
    assert_eq!(reviews[0]["reviewRating"]["alternateName"], "Misleading");
}

#[test]
fn import_json_restores_an_export_into_an_empty_database_only() {
    let (sandbox, _) = reviewed_sandbox();
    let export = sandbox.path("desk.json");
    sandbox.ok(&["export", "--format", "json", "-o", export.to_str().unwrap()]);

    let restored_db = sandbox.path("restored.sqlite3");
    let restored = restored_db.to_str().unwrap();
    let out = sandbox.ok(&["--db", restored, "import-json", export.to_str().unwrap()]);
    assert!(out.contains("Restored 1 article(s)"), "{out}");

    let without_time = |text: &str| {
        let mut value: Value = serde_json::from_str(text).unwrap();
        value["generated_at"] = Value::Null;
        value
    };
    let again = sandbox.ok(&["--db", restored, "export", "--format", "json"]);
    assert_eq!(
        without_time(&again),
        without_time(&fs::read_to_string(&export).unwrap())
    );

    let output = sandbox.run(&["--db", restored, "import-json", export.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("empty database"),
        "{}",
        stderr(&output)
    );

    let not_an_export = sandbox.path("other.json");
    fs::write(&not_an_export, "{\"hello\": 1}").unwrap();
    let output = sandbox.run(&[
        "--db",
        sandbox.path("third.sqlite3").to_str().unwrap(),
        "import-json",
        not_an_export.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("not a ClaimDesk export"),
        "{}",
        stderr(&output)
    );
}

/// Regression: import-json read its file through the article reader and refused any export
/// over the 16 MB article limit, so a real desk could not be restored.
#[test]
fn import_json_restores_an_export_larger_than_an_article_may_be() {
    let sandbox = Sandbox::new();
    let paragraph = "The council said the bridge carries 31,000 vehicles a day.\n\n";
    let text = paragraph.repeat(17 * 1_048_576 / paragraph.len() + 1);
    let export = serde_json::json!({
        "schema_version": 1, "generator": "test", "generated_at": "2025-03-14T00:00:00Z",
        "scope": {"article_id": null, "claim_ids": [], "statuses": [], "since": null, "until": null},
        "settings": {"verdict_scale": {"preset": "free_text", "levels": []}},
        "articles": [{
            "id": 1, "title": "A long transcript", "outlet": null, "byline": null, "url": null,
            "published": null, "imported_at": "2025-03-14T00:00:00Z", "source_file": null,
            "source_format": "text", "text": text, "content_hash": "long", "claims": []
        }]
    });
    let file = sandbox.path("big.json");
    fs::write(&file, export.to_string()).unwrap();
    assert!(fs::metadata(&file).unwrap().len() > 16 * 1_048_576);
    let out = sandbox.ok(&["import-json", file.to_str().unwrap()]);
    assert!(out.contains("Restored 1 article(s)"), "{out}");
}

/// The JSON export written to standard output restores from standard input (`import-json -`),
/// both streamed, into a desk that exports the same document.
#[test]
fn a_json_export_on_standard_output_restores_from_standard_input() {
    let sandbox = Sandbox::new();
    sandbox.generate(12, 8);
    let exported = sandbox.ok(&["export", "--format", "json"]);

    let restored = sandbox.path("restored.sqlite3");
    let mut child = sandbox
        .command(&["--db", restored.to_str().unwrap(), "import-json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(exported.as_bytes()).unwrap();
    }
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("Restored 12 article(s), 96 claim(s)"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );

    let without_time = |text: &str| {
        let mut value: Value = serde_json::from_str(text).unwrap();
        value["generated_at"] = Value::Null;
        value
    };
    let again = sandbox.ok(&[
        "--db",
        restored.to_str().unwrap(),
        "export",
        "--format",
        "json",
    ]);
    assert_eq!(without_time(&again), without_time(&exported));
}
