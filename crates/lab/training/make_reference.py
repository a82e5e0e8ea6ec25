#!/usr/bin/env python3
"""Write crates/encoder/tests/data/reference.json: 50 sentences written for this test (figures,
questions, small talk, an empty string, non-English text, one sentence over the 128 word pieces
the model reads; no dataset text) with the reference implementation's (bert_jax.py) outputs for
the two models the app ships: the check-worthiness model's embeddings and logits, and the
similarity model's embeddings. The Rust encoder's test (crates/encoder/tests/reference.rs)
compares itself with them.

    python make_reference.py
"""
import argparse
import json
from pathlib import Path

import numpy as np

from bert_jax import Embedder, load_bert_params, load_config, load_tokenizer

REPO = Path(__file__).resolve().parents[3]

SENTENCES = [
    "Unemployment fell to 3.5 percent last year, the lowest rate in half a century.",
    "I think we can do better than this.",
    "Thank you very much, it's great to be here tonight.",
    "The city council approved a $12 million budget for road repairs on Tuesday.",
    "Crime in our state has doubled since my opponent took office.",
    "What are you going to do about health care?",
    "We will win this election.",
    "The vaccine was tested on more than 40,000 volunteers before approval.",
    "Exports to China rose by 18% in the first quarter, according to the ministry.",
    "My father was a steelworker.",
    "Nobody has done more for veterans than I have.",
    "The bill would cut taxes for 95 percent of working families.",
    "Let me be clear.",
    "Average rents in the capital have risen 40% in five years.",
    "The report was published by the World Health Organization in March 2021.",
    "Applause.",
    "",
    "Okay.",
    "Scientists say the virus most likely jumped from bats to humans.",
    "Drinking hot water does not kill the coronavirus, health officials said.",
    "The mayor, who took office in 2019, said the new bridge would open by summer.",
    "We've created 15 million new jobs since the recession ended.",
    "I disagree with that completely, and the American people know it.",
    "Under this plan, premiums will go up by an average of 25%.",
    "She said the company had never paid a fine.",
    "The river flooded three villages and forced 2,000 people from their homes.",
    "Our schools are the best in the world.",
    "Half of all new cars sold in Norway last year were electric.",
    "Is that a fact?",
    "The senator voted against the measure 14 times.",
    "Masks reduce transmission by about 70 percent, a new study claims.",
    "In 1998 the deficit was $22 billion; today it is more than a trillion dollars.",
    "You know, I have great respect for the governor.",
    "According to police, the suspect was arrested at 4 a.m. near the station.",
    "The factory will close in December, putting 600 people out of work.",
    "Inflation is running at 9.1%, the highest since 1981.",
    "That's just not true.",
    "Über 80 Prozent der Befragten stimmten zu.",
    "The café on Rue de Rivoli serves 1,200 croissants a day — « incroyable », says the owner.",
    "COVID-19 cases rose 12% week-on-week, per the CDC's data tracker.",
    "Good evening and welcome to the second presidential debate.",
    "He has raised taxes on the middle class 300 times.",
    "The treaty was signed by 196 countries in Paris in 2015.",
    "We need to invest in our children's future.",
    "The drug cut hospital admissions by half in a trial of 800 patients.",
    "I'll tell you what, folks, it's a disgrace.",
    "Wind and solar produced 22% of the country's electricity in 2022.",
    "The ship, built in 1912, sank after striking an iceberg.",
    "Ninety percent of the state's water goes to agriculture.",
    " ".join(["The committee reviewed the figures on spending, revenue, debt and growth"] * 12) + ".",
]
assert len(SENTENCES) == 50


def outputs(model_dir: Path) -> dict:
    params = load_bert_params(model_dir / "model.safetensors")
    embedder = Embedder(params, load_config(model_dir / "config.json"),
                        load_tokenizer(model_dir / "tokenizer.json"), batch=16)
    pooled = embedder.pooled(SENTENCES)
    unit = (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float64)
    # 5 decimals: the rounding moves a cosine by less than 1e-8, and keeps the file small.
    out = {"embeddings": unit.round(5).tolist()}
    if "classifier.weight" in params:
        out["logits"] = embedder.logits(SENTENCES, pooled=pooled).astype(np.float64).round(5).tolist()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default=str(REPO / "models"))
    ap.add_argument("--out", default=str(REPO / "crates" / "encoder" / "tests" / "data" / "reference.json"))
    args = ap.parse_args()
    models = Path(args.models)
    ref = {"sentences": SENTENCES,
           "checkworthiness": outputs(models / "checkworthiness-minilm-l6"),
           "similarity": outputs(models / "similarity-minilm-l6")}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(ref, separators=(",", ":")) + "\n")
    for s, l in zip(SENTENCES[:8], ref["checkworthiness"]["logits"]):
        print(f"{l:+.2f}  {s}")
    print("wrote", args.out)


if __name__ == "__main__":
    main()
