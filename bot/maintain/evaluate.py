"""Intent accuracy of a trained model on a labelled NLU file (the held-in test set).

A FAQ message counts as right when the response selector picks its topic
(``faq/<key>``); an ``out_of_scope`` message counts as right when the bot gives
the honest fallback (``out_of_scope`` or ``nlu_fallback``).

``python -m bot.maintain.evaluate`` (``make evaluate``) writes the reports of ``bot/maintain/report.py``
for the held-in set to ``reports/held-in/`` and, with ``--cross-validation``, for a
k-fold cross-validation of the training data (``bot/maintain/crossval.py``) to
``reports/cross-validation/``; with ``--card`` it writes the model card
(``bot/maintain/model_card.py``, after the cross-validation so it quotes it); it prints the headline figures and exits 1 when the
held-in accuracy is below ``ACCURACY_GATE`` (the gate ``tests/test_nlu_accuracy.py``
enforces in ``make test``).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bot.maintain.report import answers_text
from bot.maintain.results import (
    ACCURACY_GATE,
    NARRATIVE_GATE,
    NARRATIVE_SETS,
    TEST_SET,
    Result,
    evaluate,
    load_examples,
)


def summary(result: Result) -> str:
    faq_ok, faq_n = result.accuracy_where(lambda e: e.startswith("faq/"))
    oos_ok, oos_n = result.accuracy_where(lambda e: e == "out_of_scope")
    lines = [
        f"intent accuracy: {result.correct}/{result.total} = {result.accuracy:.1%}",
        f"topic questions answered with the right topic: {faq_ok}/{faq_n} = {faq_ok / max(faq_n, 1):.1%}",
        f"out-of-scope questions given the honest fallback: {oos_ok}/{oos_n} = {oos_ok / max(oos_n, 1):.1%}",
        f"answers (\"Do you mean...?\" apart): {answers_text({'answers': result.outcomes()})}",
    ]
    confusions = Counter((e, g) for _, e, g, _ in result.errors())
    if confusions:
        lines.append("misclassified:")
        lines += [f"  {text!r}: expected {e}, got {g} ({c:.2f})" for text, e, g, c in result.errors()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse
    import time

    from bot import paths
    from bot.maintain import report as nlu_report
    from bot.maintain.review import fallback_threshold

    parser = argparse.ArgumentParser(prog="python -m bot.maintain.evaluate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=None, help="default: the model of the current data")
    parser.add_argument("--data", type=Path, default=paths.ROOT / TEST_SET,
                        help="labelled NLU file (default: the held-in test set)")
    parser.add_argument("--out", type=Path, default=paths.REPORTS / "held-in")
    parser.add_argument("--narratives", type=Path, nargs="*",
                        default=[paths.ROOT / p for p in NARRATIVE_SETS],
                        help="story-like held-in sets, each reported separately (default: %(default)s)")
    parser.add_argument("--narratives-out", type=Path, default=paths.REPORTS / "narratives",
                        help="reports of the first set; each further set gets <this>-<its file stem>")
    parser.add_argument("--cross-validation", action="store_true",
                        help="also run the k-fold cross-validation of the training data (bot/maintain/crossval.py)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    parser.add_argument("--cv-out", type=Path, default=paths.REPORTS / "cross-validation")
    parser.add_argument("--cv-config", type=Path, default=None,
                        help="config for the cross-validation models (default: config.yml)")
    parser.add_argument("--card", type=Path, default=None,
                        help="also write the model card here (make evaluate: reports/model-card.md)")
    args = parser.parse_args(argv)
    from bot.maintain.results import quiet_warnings, trained_model

    quiet_warnings()
    model = trained_model(args.model)
    if model is None:
        return 1
    threshold = fallback_threshold(paths.CONFIG)
    started = time.monotonic()
    result = evaluate(model, load_examples(args.data))
    name = "held-in test set" if args.data.resolve() == (paths.ROOT / TEST_SET).resolve() else "test set"
    figures = nlu_report.write(result, args.out, f"{name} ({args.data.name})", threshold,
                               gate=ACCURACY_GATE, note=f"Model `{model.name}`.")
    print(summary(result), flush=True)
    print(f"\n{name.capitalize()} {args.data.name}: {nlu_report.headline_text(figures, ACCURACY_GATE)}", flush=True)
    print(f"  answers: {nlu_report.answers_text(figures)}")
    print(f"  reports: {_shown(args.out)}/ ({', '.join(nlu_report.FILES)}; "
          f"{time.monotonic() - started:.0f} s)")
    narrative_ok = True
    for number, path in enumerate(p for p in args.narratives if p.is_file()):
        out = args.narratives_out if number == 0 else \
            args.narratives_out.with_name(f"{args.narratives_out.name}-{path.stem}")
        stories = evaluate(model, load_examples(path))
        story_figures = nlu_report.write(stories, out, f"held-in narratives ({path.name})", threshold,
                                         gate=NARRATIVE_GATE, note=f"Model `{model.name}`.")
        narrative_ok = narrative_ok and stories.accuracy >= NARRATIVE_GATE
        print(f"\nHeld-in narratives {path.name} (story-like messages): "
              f"{nlu_report.headline_text(story_figures, NARRATIVE_GATE)}", flush=True)
        print(f"  answers: {nlu_report.answers_text(story_figures)}")
        print(f"  reports: {_shown(out)}/")
    if args.cross_validation:
        from bot.maintain import crossval

        cv = crossval.run(folds=args.folds, out=args.cv_out, config=args.cv_config)
        print(f"\n{args.folds}-fold cross-validation of the training data (the linear classifiers): "
              f"{crossval.headline_text(cv)}")
        print(f"  answers: {nlu_report.answers_text(cv.figures)}")
        print(f"  reports: {_shown(args.cv_out)}/ ({cv.seconds:.0f} s)")
    if args.card:
        from bot.maintain import model_card

        card = model_card.write(model, args.card)
        print(f"\nModel card: {_shown(args.card)} (red flags on {len(card.red_flags)} sets, "
              f"ordinary questions, held-in and cross-validated accuracy)")
    if result.accuracy < ACCURACY_GATE:
        print(f"\nFAIL: held-in intent accuracy {result.accuracy:.1%} is below the gate "
              f"{ACCURACY_GATE:.0%}")
        return 1
    if not narrative_ok:
        print(f"\nFAIL: accuracy on the held-in narratives is below the gate {NARRATIVE_GATE:.0%}")
        return 1
    return 0


def _shown(path: Path) -> str:
    from bot import paths

    try:
        return path.resolve().relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:
        return str(path)


if __name__ == "__main__":
    raise SystemExit(main())
