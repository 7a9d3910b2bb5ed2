"""Trigger lexicons of the relation frames, and the CAMEO / PLOVER codes each frame carries.

CAMEO: 030 express intent to cooperate, 031 ... material (economic) cooperation,
036 express intent to meet or negotiate, 040 consult, 041 discuss by telephone,
042 make a visit, 043 host a visit, 044 meet at a third location. PLOVER folds all of
these into CONSULT, except the intents to cooperate (COOPERATE).
"""

from __future__ import annotations

MEET_VERBS = frozenset({"meet", "receive", "host", "welcome", "greet", "confer", "talk",
                        "negotiate", "discuss", "sit", "speak"})
# verbs that mean meeting with "together" ("get together", "come together")
TOGETHER_VERBS = frozenset({"get", "come"})
# verbs whose object noun carries the meeting ("held talks with", "had a meeting with")
LIGHT_VERBS = frozenset({"hold", "have", "conduct", "chair", "co-chair", "begin", "start"})
MEET_NOUNS = frozenset({"meeting", "talk", "talks", "negotiation", "negotiations",
                        "conversation", "discussion", "discussions", "summit", "encounter",
                        "consultation", "consultations", "tete", "audience", "lunch",
                        "dinner", "breakfast"})
CALL_WORDS = frozenset({"phone", "telephone", "call", "phoned", "telephoned", "calls"})
CALL_VERBS = frozenset({"phone", "telephone", "call", "dial"})

VISIT_NOUNS = frozenset({"visit", "trip", "tour", "stay", "journey"})
# verbs of movement whose goal is a place ("travel to", "fly to", "come to")
MOTION_VERBS = frozenset({"travel", "go", "come", "fly", "head", "return", "move", "leave"})
ARRIVAL_VERBS = frozenset({"arrive", "land", "reach"})
# verbs whose object is a visit noun ("pay a visit", "embark on a visit")
VISIT_LIGHT_VERBS = frozenset({"pay", "make", "embark", "undertake", "begin", "start",
                               "complete", "conclude", "end", "be", "continue", "attend"})
# heads of an xcomp that make the action planned ("plans to visit")
PLAN_HEADS = frozenset({"plan", "intend", "expect", "schedule", "hope", "want", "wish", "aim",
                        "seek", "agree", "decide", "set", "due", "likely", "going", "ready",
                        "prepare", "accept", "invite", "consider", "propose",
                        "scheduled", "expected", "slated", "poised", "eager", "keen",
                        "excited",
                        # nouns an infinitive of intent hangs from ("an invitation to visit")
                        "invitation", "intention", "readiness", "desire", "decision",
                        "proposal", "offer", "plans", "agreement"})
PLAN_ADJ = frozenset({"upcoming", "forthcoming", "planned", "future", "next", "scheduled",
                      "expected", "proposed", "possible", "coming", "prospective",
                      "anticipated", "potential", "impending"})
# future and modal auxiliaries: what they govern has not (yet) happened ("may travel there")
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "may", "might", "could", "can",
                        "ca", "should", "must", "ought"})

COOP_NOUNS = frozenset({"cooperation", "co-operation", "collaboration", "partnership", "trade",
                        "ties", "interaction", "project", "projects", "relationship",
                        "relations", "channel", "direction", "exchanges", "investment",
                        "contacts", "alliance", "communication", "coordination", "dialogue"})
COOP_VERBS = frozenset({"cooperate", "collaborate", "partner", "work", "engage", "trade"})
# nouns that need a develop/intent word to be a proposal (not a report of existing relations)
WEAK_COOP_NOUNS = frozenset({"ties", "relationship", "relations", "dialogue", "contacts",
                             "communication", "exchanges", "direction", "channel"})
INTENT_WORDS = frozenset({
    "propose", "proposal", "suggest", "offer", "call", "want", "wish", "hope", "intend", "plan",
    "ready", "readiness", "willing", "willingness", "keen", "keenness", "interested",
    "interest", "seek", "aim", "commit", "committed", "commitment", "determined", "eager",
    "vow", "pledge", "expect", "should", "need", "importance", "necessity", "priority",
    "explore", "push", "urge", "look", "desire", "prepared", "intention", "stress",
    "emphasize", "emphasise", "underline", "underscore", "advocate", "support", "agree",
    "opportunity", "potential", "prospect", "prospects", "way", "ways", "open",
})
DEVELOP_WORDS = frozenset({
    "boost", "strengthen", "expand", "deepen", "enhance", "develop", "development", "promote",
    "increase", "advance", "foster", "intensify", "cement", "build", "broaden", "upgrade",
    "elevate", "maintain", "continue", "further", "diversify", "improve", "open", "establish",
    "launch", "create", "step", "bolster", "reinforce", "raise", "grow", "accelerate",
    "explore", "uphold", "forge", "closer", "new", "more", "greater", "enhancing", "boosting",
    "revitalise", "revitalize", "revive", "reinvigorate", "reactivate",
})
SAY_VERBS = frozenset({"say", "note", "stress", "emphasize", "emphasise", "underline",
                       "underscore", "add", "state", "affirm", "reaffirm", "tell", "highlight",
                       "express", "remark", "point", "declare", "announce", "assure",
                       "reassure", "reiterate", "write", "tweet", "observe", "believe",
                       "describe", "mention", "suggest", "propose", "confirm", "explain",
                       "recall", "hail", "outline", "voice", "urge", "call", "welcome",
                       "insist", "argue", "claim"})

CODES: dict[str, tuple[str, str]] = {
    "MET_WITH": ("040", "CONSULT"),
    "MET_WITH:host": ("043", "CONSULT"),
    "MET_WITH:third": ("044", "CONSULT"),
    "HELD_CALL": ("041", "CONSULT"),
    "PLANS_VISIT": ("036", "CONSULT"),
    "VISITED": ("042", "CONSULT"),
    "PROPOSED_COOPERATION": ("030", "COOPERATE"),
    "PROPOSED_COOPERATION:material": ("031", "COOPERATE"),
}
MATERIAL_WORDS = frozenset({"trade", "investment", "economic", "economy", "energy", "project",
                            "projects", "industrial", "goods", "business", "agricultural"})
