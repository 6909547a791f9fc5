"""The classifier's safety net for red flags, kept only on evidence.

The intent classifier sometimes guesses ``red_flag`` / ``red_flag_urgent`` where the sign
rules (``knowledge/red_flags.yml`` read by the project's spaCy pipeline) find no sign.
That guess is useful for wording the rules do not know yet, but on a story (a long
history, a normal finding, someone else's experience) it is a false alarm. The red-flag
detector therefore keeps it only when:

1. the rules found at least one warning-sign concept described as *present* (not a
   context concept such as jerking or a body part; a serotonergic medicine only with a
   present concept of its signs, ``net_evidence_with``); the escalation is then capped at the
   most severe level a sign naming those concepts can reach ("getting worse" stays
   urgent); or
2. no sign word is merely mentioned (negated, past, hypothetical ...), the rules found
   any other concept described as present (jerking, a body part ...), and nothing in the
   message places the problem elsewhere (``Assessment.frames``: a normal function, a
   long-standing, habitual, followed or resolved problem, the past, someone else's story
   or a study question), unless the message is also anchored in the present ("today",
   "now", "suddenly", "an hour ago": ``Assessment.anchored``). Recall first: a net that
   withdrew every such guess missed emergencies told in passing (77/85 escalated against
   81/85 on the session-5 narrative set); one that withdraws them only on a story
   without a present anchor answers item 2 of issue 14 (no safety net on stories); or
3. no sign word is merely mentioned, the classifier is
   confident (``min_confidence``) and the message reads like a current report
   (``Assessment.current_report``: short, first person or someone else "now", and
   nothing in it places the problem elsewhere; see ``current_report`` in
   ``knowledge/context_rules.yml``).

Otherwise the guess is withdrawn and the next intent of the ranking stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from bot.knowledge.red_flags import (
    PRESENT,
    RED_FLAG_INTENTS,
    RED_FLAG_URGENT_INTENT,
    Assessment,
    RedFlagRules,
)

#: Default for ``min_confidence``: the classifier's probability above which its guess
#: counts as confident (a probability, not a figure fitted to any test set).
DEFAULT_MIN_CONFIDENCE = 0.8


@dataclass(frozen=True)
class SafetyNet:
    rules: RedFlagRules
    min_confidence: float = DEFAULT_MIN_CONFIDENCE

    def keep(self, assessment: Assessment, intent: Optional[str], confidence: float) -> Optional[str]:
        """The escalation intent to keep for a classifier guess the rules did not confirm
        (None: withdraw it)."""
        if intent not in RED_FLAG_INTENTS:
            return None
        # a medicine alone is no evidence: only with a present concept of its signs
        # (``net_evidence_with`` in red_flags.yml; session 9, rf7)
        here = {c.label for c in assessment.concepts if c.status == PRESENT}
        present = [c for c in assessment.present_signs
                   if c not in self.rules.net_evidence_with or here & set(self.rules.net_evidence_with[c])]
        if present:
            ceiling = self.rules.highest_level(present)
            if ceiling == "emergency":
                return intent
            return RED_FLAG_URGENT_INTENT if ceiling == "urgent" else None
        if assessment.mentions_only:
            return None
        if any(c.status == PRESENT for c in assessment.concepts) and (
                not assessment.frames or assessment.anchored):
            return intent  # a present concept (jerking, a body part ...), not told as a story
        if confidence >= self.min_confidence and assessment.current_report:
            return intent
        return None

    @staticmethod
    def why(assessment: Assessment, kept: Optional[str]) -> str:
        """A short reason for the log."""
        if kept is None:
            return "withdrawn: no present sign and not a confident current report"
        if assessment.present_signs:
            return f"kept as {kept}: present {', '.join(assessment.present_signs)}"
        if assessment.current_report:
            return f"kept as {kept}: confident guess on a current report"
        return f"kept as {kept}: present concept, not told as a story"

