"""Arm (a+) of bench/translate.py: raw CTranslate2 as a whole process, nothing of bilingual.

Python starts, imports ctranslate2 and sentencepiece, loads the model (the thread layout
given), tokenises the texts of IN (one a line: exactly the protected texts arm (a) is given)
with the package's SentencePiece model, translates them as arm (a) does (length-sorted
sub-batches of one decoding cap each, asynchronous; the cap per sentence is the engine's
length rule, passed as RATIO,EXTRA,STEP so that nothing of bilingual is imported),
detokenises as an Argos tokenizer does, and writes one English line per input line to OUT.

Run: python bench/raw_process.py MODEL_DIR SPM IN OUT --beam 4 --cap 24 --batch 32
     --threads 2,1 --rule 2,10,8 [--prefix TOKEN]
"""

from __future__ import annotations

import argparse
from itertools import groupby


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("model_dir", "spm", "input", "output"):
        parser.add_argument(name)
    parser.add_argument("--beam", type=int, required=True)
    parser.add_argument("--cap", type=int, required=True)
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--threads", required=True, help="inter,intra")
    parser.add_argument("--rule", required=True, help="RATIO,EXTRA,STEP of the length rule")
    parser.add_argument("--prefix", default="")
    args = parser.parse_args()

    import ctranslate2
    import sentencepiece as spm

    inter, intra = map(int, args.threads.split(","))
    ratio, extra, step = map(int, args.rule.split(","))
    translator = ctranslate2.Translator(
        args.model_dir, device="cpu", compute_type="auto", inter_threads=inter,
        intra_threads=intra,
    )  # fmt: skip
    sp = spm.SentencePieceProcessor(model_file=args.spm)
    with open(args.input, encoding="utf-8") as f:
        texts = f.read().split("\n")[:-1]
    tokens = [sp.encode(t, out_type=str) for t in texts]

    def length(n: int) -> int:
        rounded = -(-max(1, n) // step) * step
        return max(1, min(args.cap, ratio * rounded + extra))

    prefix = args.prefix
    order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
    pending = []
    for _, group in groupby(order, key=lambda i: length(len(tokens[i]))):
        same = list(group)
        for s in range(0, len(same), args.batch):
            batch = same[s : s + args.batch]
            pending.append((batch, translator.translate_batch(
                [tokens[i] for i in batch], target_prefix=[[prefix]] * len(batch) if prefix else None,
                max_batch_size=len(batch), beam_size=args.beam,
                max_decoding_length=length(len(tokens[batch[-1]])) + bool(prefix),
                asynchronous=True,
            )))  # fmt: skip
    english = [""] * len(tokens)
    for batch, futures in pending:
        for i, future in zip(batch, futures, strict=True):
            out = future.result().hypotheses[0]
            if prefix and out and out[0] == prefix:
                out = out[1:]
            english[i] = sp.decode_pieces(out).replace("▁", " ").replace("_", " ").strip()
    with open(args.output, "w", encoding="utf-8") as f:
        f.write("".join(e.replace("\n", " ") + "\n" for e in english))


if __name__ == "__main__":
    main()
