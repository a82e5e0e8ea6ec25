//! `claimdesk-lab train` and `claimdesk-lab eval` end to end on a small data set of our own, written
//! in the shared ClaimBuster layout, so these run without `../shared`.

mod common;

use common::Sandbox;

/// Sentences of our own: figures and records are check-worthy, courtesy and opinion are not.
const CHECKWORTHY: &[&str] = &[
    "Unemployment fell from 9 percent to 5 percent in four years.",
    "The state spent $40 million on the bridge in 2015.",
    "We cut the deficit by half since 2012.",
    "Crime rose 12 percent in the city last year.",
    "The plant employs 3,000 workers, the largest in the county.",
];
const OTHER: &[&str] = &[
    "Thank you very much, it is a pleasure to be here.",
    "I think my opponent is wrong about that.",
    "What would you do about it?",
    "Good evening and welcome to the debate.",
    "I hope we can do better together.",
];

fn write_claimbuster(sandbox: &Sandbox, name: &str, debates: &[&str]) {
    let mut csv = String::from(
        "Sentence_id,Text,Speaker,Speaker_title,Speaker_party,File_id,Length,Line_number,Sentiment,Verdict,source,cfs,ncs_2x,ncs_2_5x,ncs_3x\n",
    );
    let mut id = 0;
    for debate in debates {
        for (texts, verdict, cfs) in [(CHECKWORTHY, 1, 1), (OTHER, -1, 0)] {
            for text in texts {
                id += 1;
                csv.push_str(&format!(
                    "{id},\"{text}\",A Candidate,,,{debate},10,{id},0.0,{verdict},crowdsourced,{cfs},,,\n"
                ));
            }
        }
    }
    let folder = sandbox.path("data/claimbuster");
    std::fs::create_dir_all(&folder).expect("create the data folder");
    std::fs::write(folder.join(name), csv).expect("write the CSV");
}

#[test]
fn train_writes_an_attributed_model_that_eval_measures() {
    let sandbox = Sandbox::new();
    write_claimbuster(
        &sandbox,
        "train.csv",
        &["2000-01-01.txt", "2000-02-01.txt", "2000-03-01.txt"],
    );
    write_claimbuster(&sandbox, "dev.csv", &["2001-01-01.txt"]);
    let out = sandbox.ok(&[
        "train",
        "--claimbuster",
        "data/claimbuster/train.csv",
        "--min-count",
        "1",
        "-o",
        "model.json",
    ]);
    assert!(out.contains("cross-validation by debate"), "{out}");
    let model = std::fs::read_to_string(sandbox.path("model.json")).unwrap();
    assert!(model.contains("doi:10.5281/zenodo.3609356"));

    let report = sandbox.ok(&["eval", "--data", "data", "--model", "model.json"]);
    assert!(
        report.contains("ClaimBuster dev (10 sentences)"),
        "{report}"
    );
    assert!(report.contains("skipped (not found)"), "{report}");
}

#[test]
fn eval_without_any_data_says_where_it_looked() {
    let sandbox = Sandbox::new();
    let output = sandbox.run(&["eval", "--data", "nowhere"]);
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("no labelled data under nowhere") && message.contains("--data"),
        "{message}"
    );
}

#[test]
fn train_refuses_an_output_folder_that_does_not_exist_before_training() {
    let sandbox = Sandbox::new();
    write_claimbuster(&sandbox, "train.csv", &["2000-01-01.txt", "2000-02-01.txt"]);
    let output = sandbox.run(&[
        "train",
        "--claimbuster",
        "data/claimbuster/train.csv",
        "-o",
        "missing/model.json",
    ]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("does not exist"));
}

#[test]
fn dev_generate_fills_a_new_database_and_refuses_one_in_use() {
    let sandbox = Sandbox::new();
    let out = sandbox.ok(&[
        "generate",
        "--db",
        "desk.sqlite3",
        "--articles",
        "3",
        "--claims-per-article",
        "10",
    ]);
    assert!(
        out.starts_with("Generated 3 articles with 30 claims"),
        "{out}"
    );
    let desk = claimdesk_store::Desk::open(&sandbox.path("desk.sqlite3")).unwrap();
    let claims = desk
        .claims(&claimdesk_store::ClaimFilter::default())
        .unwrap();
    assert_eq!(claims.len(), 30);
    drop(desk);
    let output = sandbox.run(&["generate", "--db", "desk.sqlite3", "--articles", "3"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("generate into a new database"));
}
