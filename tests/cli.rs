//! The `claimdesk` command line, run as the built binary: the contract scripts rely on, the
//! messages people read, and the exit statuses of both.

// The whole file is test code; clippy.toml's test allowance covers only #[test] functions,
// not the helpers beside them.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;

use rstest::rstest;
use serde_json::Value;

use common::{Sandbox, jsonl};

/// The fields of an `extract --format jsonl` row, which `claims --format jsonl` rows carry too.
const EXTRACT_FIELDS: [&str; 10] = [
    "text",
    "start",
    "end",
    "sentence_start",
    "sentence_end",
    "score",
    "checkworthy",
    "kind",
    "speaker",
    "dates",
];

fn import_demo(sandbox: &Sandbox) -> Value {
    let text = common::demo_text_path();
    let out = sandbox.ok(&["import", text.to_str().unwrap(), "--format", "jsonl"]);
    jsonl(&out).remove(0)
}

fn claim_ids(sandbox: &Sandbox) -> Vec<i64> {
    jsonl(&sandbox.ok(&["claims", "--format", "jsonl"]))
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn extract_writes_the_documented_fields_with_offsets_into_the_input() {
    let sandbox = Sandbox::new();
    let text = common::demo_text();
    let out = sandbox.ok(&[
        "extract",
        common::demo_text_path().to_str().unwrap(),
        "--published",
        "2025-03-12",
        "--format",
        "jsonl",
    ]);
    let claims = jsonl(&out);
    assert!(!claims.is_empty());
    let chars: Vec<char> = text.chars().collect();
    for claim in &claims {
        for field in EXTRACT_FIELDS {
            assert!(claim.get(field).is_some(), "missing {field}: {claim}");
        }
        let (start, end) = (
            claim["start"].as_u64().unwrap() as usize,
            claim["end"].as_u64().unwrap() as usize,
        );
        let span: String = chars[start..end].iter().collect();
        assert_eq!(claim["text"], span);
    }
    assert!(!sandbox.db().exists(), "extract needs no database");
}

#[test]
fn sentences_and_score_read_standard_input() {
    let sandbox = Sandbox::new();
    let mut child = sandbox
        .command(&["score", "--format", "jsonl"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"The council voted 7-2 on Tuesday.\nHello.\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let rows = jsonl(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(rows.len(), 2);
    assert!(rows[0]["score"].is_number() && rows[0]["checkworthy"].is_boolean());

    let out = sandbox.ok(&[
        "sentences",
        common::demo_text_path().to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert!(jsonl(&out).iter().all(|s| s["text"].is_string()));
}

#[test]
fn import_reports_each_file_and_recognises_one_already_present() {
    let sandbox = Sandbox::new();
    let text = common::demo_text_path();
    let html = common::demo_html_path();
    let out = sandbox.ok(&["import", text.to_str().unwrap(), html.to_str().unwrap()]);
    assert!(out.contains("Imported"), "{out}");
    assert_eq!(
        out.lines().count(),
        3,
        "a line per file and a summary: {out}"
    );
    // The same story as text and as a saved web page is one article (issue 13).
    assert!(
        out.ends_with("2 files: 1 imported, 1 already present, 0 failed.\n"),
        "{out}"
    );

    let again = sandbox.ok(&["import", text.to_str().unwrap(), "--format", "jsonl"]);
    let result = &jsonl(&again)[0];
    assert_eq!(result["outcome"], "already_present");
    assert_eq!(result["article"]["id"], 1);
    assert_eq!(
        jsonl(&sandbox.ok(&["articles", "--format", "jsonl"])).len(),
        1
    );
}

#[test]
fn import_flags_set_the_metadata() {
    let sandbox = Sandbox::new();
    let file = sandbox.path("story.txt");
    fs::write(&file, "The toll rose to $6 on Monday, the council said.\n").unwrap();
    let out = sandbox.ok(&[
        "import",
        file.to_str().unwrap(),
        "--title",
        "Toll rises",
        "--url",
        "https://ledger.example/toll",
        "--published",
        "2025-03-10",
        "--outlet",
        "The Eastbrook Ledger",
        "--format",
        "jsonl",
    ]);
    let article = &jsonl(&out)[0]["article"];
    assert_eq!(article["title"], "Toll rises");
    assert_eq!(article["url"], "https://ledger.example/toll");
    assert_eq!(article["published"], "2025-03-10");
    assert_eq!(article["outlet"], "The Eastbrook Ledger");
}

#[rstest]
#[case::missing_file(None, "cannot read")]
#[case::empty_file(Some(&b""[..]), "is empty")]
#[case::binary_file(Some(&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..]), "looks like a binary file")]
#[case::pdf_file(Some(&b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"[..]), "looks like a PDF")]
fn import_of_an_unreadable_file_fails_with_a_clear_message(
    #[case] content: Option<&[u8]>,
    #[case] expected: &str,
) {
    let sandbox = Sandbox::new();
    let file = sandbox.path("article.txt");
    if let Some(content) = content {
        fs::write(&file, content).unwrap();
    }
    let output = sandbox.run(&["import", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.starts_with("claimdesk: "), "{message}");
    assert!(message.contains(expected), "{message}");
    assert!(!message.contains("panicked"), "{message}");
}

/// Run `command` on a sparse file of `bytes` (nothing is written to disk) and check that it is
/// refused with exit status 1, a message holding `message`, and no output.
#[track_caller]
fn refuses_an_oversized_file(command: &str, bytes: u64, message: &str) {
    let sandbox = Sandbox::new();
    let file = sandbox.path("huge.txt");
    fs::File::create(&file).unwrap().set_len(bytes).unwrap();
    let output = sandbox.run(&[command, file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(message), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
}

#[test]
fn import_of_a_file_over_the_size_limit_is_refused_before_reading_it() {
    refuses_an_oversized_file("import", 21 * 1024 * 1024, "up to 20 MB");
}

#[test]
fn extract_of_a_file_over_the_size_limit_is_refused_before_reading_it_regression() {
    // A 50 MB file used to be read up to the limit into a growing buffer (70 MB peak RSS
    // with mimalloc); its size now refuses it unread.
    refuses_an_oversized_file("extract", 50 * 1000 * 1000, "is over 16 MB");
}

#[test]
fn regression_import_of_legacy_encoded_text_decodes_it_and_says_how() {
    let sandbox = Sandbox::new();
    let file = sandbox.path("latin1.txt");
    fs::write(
        &file,
        b"Caf\xe9 owners said rents rose 30% in 2024, the chamber reported.\n",
    )
    .unwrap();
    let output = sandbox.run(&["import", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("read as windows-1252"),
        "{}",
        stderr(&output)
    );
    let claims = sandbox.run(&["claims", "--format", "jsonl"]);
    assert!(
        String::from_utf8_lossy(&claims.stdout).contains("Caf\u{e9} owners"),
        "the text was decoded, not replaced with U+FFFD"
    );
}

#[test]
fn one_bad_file_does_not_stop_the_others_but_fails_the_run() {
    let sandbox = Sandbox::new();
    let missing = sandbox.path("missing.txt");
    let text = common::demo_text_path();
    let output = sandbox.run(&["import", missing.to_str().unwrap(), text.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Imported"));
    assert!(stderr(&output).contains("1 of 2 file(s) could not be imported"));
}

#[test]
fn claims_jsonl_rows_carry_the_desk_fields_and_the_extract_fields() {
    let sandbox = Sandbox::new();
    import_demo(&sandbox);
    let rows = jsonl(&sandbox.ok(&["claims", "--format", "jsonl"]));
    assert!(!rows.is_empty());
    for row in &rows {
        for field in ["id", "article_id", "status", "note"]
            .iter()
            .chain(&EXTRACT_FIELDS)
        {
            assert!(row.get(field).is_some(), "missing {field}: {row}");
        }
        assert_eq!(row["status"], "unreviewed");
    }
}

#[test]
fn claims_table_is_for_people() {
    let sandbox = Sandbox::new();
    import_demo(&sandbox);
    let out = sandbox.ok(&["claims"]);
    let header = out.lines().next().unwrap();
    assert!(
        header.starts_with("ID") && header.contains("STATUS"),
        "{out}"
    );
}

#[test]
fn mark_changes_status_and_note_and_claims_filters_on_it() {
    let sandbox = Sandbox::new();
    import_demo(&sandbox);
    let id = claim_ids(&sandbox)[1].to_string();
    let out = sandbox.ok(&[
        "mark",
        &id,
        "disputed",
        "--note",
        "Minutes say 6-3",
        "--by",
        "Ana Ruiz",
    ]);
    assert!(out.contains("now disputed"), "{out}");

    let disputed = jsonl(&sandbox.ok(&["claims", "--status", "disputed", "--format", "jsonl"]));
    assert_eq!(disputed.len(), 1);
    assert_eq!(disputed[0]["id"].to_string(), id);
    assert_eq!(disputed[0]["note"], "Minutes say 6-3");
    assert!(
        jsonl(&sandbox.ok(&["claims", "--status", "verified", "--format", "jsonl"])).is_empty()
    );
}

#[rstest]
#[case::unknown_status(&["mark", "1", "maybe"], 2, "needs_evidence")]
#[case::unknown_claim(&["mark", "999", "verified"], 1, "there is no claim 999")]
#[case::unknown_article(&["claims", "--article", "999"], 1, "there is no article 999")]
#[case::bad_evidence_url(&["evidence", "add", "1", "javascript:alert(1)"], 1, "only http:// and https://")]
#[case::bad_stance(&["evidence", "add", "1", "https://a.example", "--stance", "maybe"], 2, "supports, refutes, context")]
#[case::bad_date(&["import", "x.txt", "--published", "12/03/2025"], 2, "YYYY-MM-DD")]
#[case::no_subcommand(&["frobnicate"], 2, "unrecognized subcommand")]
fn mistakes_get_a_clear_message_and_exit_status(
    #[case] args: &[&str],
    #[case] code: i32,
    #[case] expected: &str,
) {
    let sandbox = Sandbox::new();
    import_demo(&sandbox);
    let output = sandbox.run(args);
    assert_eq!(output.status.code(), Some(code), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.starts_with("claimdesk: "), "{message}");
    assert!(message.contains(expected), "{message}");
}

#[test]
fn evidence_add_attaches_a_link_with_its_stance() {
    let sandbox = Sandbox::new();
    import_demo(&sandbox);
    let id = claim_ids(&sandbox)[0].to_string();
    let out = sandbox.ok(&[
        "evidence",
        "add",
        &id,
        "https://eastbrook.example/minutes",
        "--title",
        "Council minutes",
        "--stance",
        "refutes",
    ]);
    assert!(out.contains("refutes"), "{out}");
    let report = sandbox.ok(&["export", "--format", "markdown"]);
    assert!(
        report.contains("Refutes: [Council minutes](https://eastbrook.example/minutes)"),
        "{report}"
    );
}

#[test]
fn export_shows_the_review_and_never_overwrites_without_force() {
    let sandbox = Sandbox::new();
    import_demo(&sandbox);
    let id = claim_ids(&sandbox)[0].to_string();
    sandbox.ok(&["mark", &id, "disputed", "--by", "Ana Ruiz"]);

    let report = sandbox.ok(&["export", "--format", "markdown", "--article", "1"]);
    assert!(report.starts_with("# Verification report"), "{report}");
    assert!(
        report.contains(&format!("### Claim {id} — Disputed")),
        "{report}"
    );
    assert!(report.contains("Ana Ruiz"), "{report}");

    let file = sandbox.path("report.md");
    let path = file.to_str().unwrap();
    sandbox.ok(&["export", "--format", "markdown", "-o", path]);
    assert!(fs::read_to_string(&file).unwrap().contains("Disputed"));

    fs::write(&file, "my own notes").unwrap();
    let output = sandbox.run(&["export", "--format", "markdown", "-o", path]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&file).unwrap(), "my own notes");

    sandbox.ok(&["export", "--format", "markdown", "-o", path, "--force"]);
    assert!(fs::read_to_string(&file).unwrap().contains("Disputed"));
    let leftovers: Vec<_> = fs::read_dir(sandbox.dir.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with(".claimdesk-report-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn db_flag_and_environment_choose_the_database() {
    let sandbox = Sandbox::new();
    let other = sandbox.path("other.sqlite3");
    let text = common::demo_text_path();
    sandbox.ok(&[
        "--db",
        other.to_str().unwrap(),
        "import",
        text.to_str().unwrap(),
    ]);
    assert!(other.exists());
    assert!(!sandbox.db().exists(), "--db wins over CLAIMDESK_DB");
}

#[test]
fn without_db_the_desktop_apps_database_is_used() {
    let sandbox = Sandbox::new();
    let data = sandbox.path("data");
    let output = sandbox
        .command(&["articles"])
        .env_remove("CLAIMDESK_DB")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(data.join("org.claimdesk.desk/claimdesk.sqlite3").exists());
}

#[test]
fn a_database_from_a_newer_claimdesk_is_refused_with_advice() {
    let sandbox = Sandbox::new();
    import_demo(&sandbox);
    rusqlite::Connection::open(sandbox.db())
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let output = sandbox.run(&["claims"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("newer ClaimDesk"), "{message}");
    assert!(
        message.contains(sandbox.db().to_str().unwrap()),
        "{message}"
    );
}

#[test]
fn output_to_a_closed_pipe_ends_quietly() {
    let sandbox = Sandbox::new();
    import_demo(&sandbox);
    let mut child = sandbox
        .command(&["claims", "--format", "jsonl"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    assert!(
        !stderr(&output).contains("Broken pipe"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn reviewer_name_is_shown_set_and_used_for_changes() {
    let sandbox = Sandbox::new();
    import_demo(&sandbox);
    assert!(
        sandbox
            .ok(&["reviewer"])
            .starts_with("test-editor (your login name")
    );
    sandbox.ok(&["reviewer", "Mira Okafor"]);
    assert!(
        sandbox
            .ok(&["reviewer"])
            .starts_with("Mira Okafor (set on this machine")
    );
    // The name belongs to the machine (its settings), not to the desk file.
    assert!(
        sandbox
            .path("config/org.claimdesk.desk/editor.json")
            .is_file()
    );
    let id = claim_ids(&sandbox)[0].to_string();
    sandbox.ok(&["mark", &id, "verified"]);
    let report = sandbox.ok(&["export", "--format", "markdown"]);
    assert!(report.contains("**Reviewers:** Mira Okafor"), "{report}");
}

#[test]
fn import_of_a_folder_takes_its_article_files_and_reports_each_with_a_summary() {
    let sandbox = Sandbox::new();
    let inbox = sandbox.path("inbox");
    fs::create_dir_all(inbox.join("nested")).unwrap();
    fs::write(
        inbox.join("a.txt"),
        "Toll rises\n\nThe toll rose to $6 on Monday, the Eastbrook council said.\n",
    )
    .unwrap();
    fs::write(inbox.join("bad.txt"), "  \n").unwrap();
    fs::write(
        inbox.join("nested/b.md"),
        "Rents climb\n\nAverage rents in Millford rose 9% in 2024, the Housing Office said.\n",
    )
    .unwrap();
    fs::write(
        inbox.join("nested/c.HTML"),
        "<html><head><title>Pool shuts</title></head><body><article><p>The Westmere pool \
         closed for 14 weeks in 2023, the Parks Department said.</p></article></body></html>",
    )
    .unwrap();
    fs::write(inbox.join("scan.pdf"), b"%PDF-1.7\n").unwrap();
    fs::write(
        inbox.join(".draft.txt"),
        "Hidden drafts stay out of the desk.\n",
    )
    .unwrap();

    let output = sandbox.run(&["import", inbox.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "one file failed");
    let out = String::from_utf8(output.stdout.clone()).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(
        lines[0].starts_with("Imported ") && lines[0].contains("a.txt"),
        "{out}"
    );
    assert!(
        lines[1].contains("b.md") && lines[2].contains("c.HTML"),
        "{out}"
    );
    assert_eq!(
        lines[3],
        "4 files: 3 imported, 0 already present, 1 failed."
    );
    let err = stderr(&output);
    assert!(err.contains("bad.txt") && err.contains("is empty"), "{err}");
    assert!(
        !err.contains("scan.pdf") && !err.contains(".draft"),
        "{err}"
    );

    fs::remove_file(inbox.join("bad.txt")).unwrap();
    let again = sandbox.ok(&["import", inbox.to_str().unwrap(), "--format", "jsonl"]);
    let rows = jsonl(&again);
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r["outcome"] == "already_present"));
}

#[test]
fn a_folder_without_article_files_is_a_failure_for_that_folder_only() {
    let sandbox = Sandbox::new();
    let empty = sandbox.path("empty");
    fs::create_dir_all(&empty).unwrap();
    let text = common::demo_text_path();
    let output = sandbox.run(&[
        "import",
        empty.to_str().unwrap(),
        text.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let rows = jsonl(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(rows[0]["outcome"], "failed");
    assert!(
        rows[0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("holds no article files")
    );
    assert_eq!(rows[1]["outcome"], "imported");
}

#[test]
fn claims_can_be_filtered_by_kind_speaker_score_and_words() {
    let sandbox = Sandbox::new();
    sandbox.generate(4, 20);
    let all = jsonl(&sandbox.ok(&["claims", "--format", "jsonl"]));
    let speaker = all
        .iter()
        .find_map(|c| c["speaker"].as_str())
        .unwrap()
        .to_string();
    let by_speaker = jsonl(&sandbox.ok(&["claims", "--speaker", &speaker, "--format", "jsonl"]));
    assert!(!by_speaker.is_empty());
    assert!(by_speaker.iter().all(|c| c["speaker"] == speaker.as_str()));
    let predictions = jsonl(&sandbox.ok(&[
        "claims",
        "--kind",
        "prediction,law_policy",
        "--min-score",
        "0.7",
        "--format",
        "jsonl",
    ]));
    assert!(predictions.iter().all(|c| {
        matches!(c["kind"].as_str(), Some("prediction" | "law_policy"))
            && c["score"].as_f64().unwrap() >= 0.7
    }));
    let found = jsonl(&sandbox.ok(&["claims", "--search", "percent", "--format", "jsonl"]));
    assert!(!found.is_empty());
    assert!(
        found
            .iter()
            .all(|c| c["text"].as_str().unwrap().contains("percent"))
    );
    let output = sandbox.run(&["claims", "--kind", "rumour"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown claim kind"));
}

/// The core names the field a failure is about ("database"); only the command line knows it
/// is given with --db, so the message the desktop shows never mentions a flag.
#[test]
fn a_file_that_is_no_database_names_the_flag_that_picks_another() {
    let sandbox = Sandbox::new();
    let file = sandbox.path("notes.txt");
    std::fs::write(
        &file,
        "not a database at all, just some notes\n".repeat(200),
    )
    .unwrap();
    let output = sandbox.run(&["--db", file.to_str().unwrap(), "articles"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--db PATH"), "{}", stderr(&output));

    let desk_error = claimdesk::Desk::open(&file).unwrap_err();
    assert_eq!(desk_error.field(), Some("database"));
    assert!(!desk_error.message().contains("--db"), "{desk_error}");
}
