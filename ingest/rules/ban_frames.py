"""BAN frames: who bans whom, read from the dependency parse.

News states a ban with many verbs ("bars", "blocks", "restricts", "cut off",
"halted shipments to", "ordered X to sell", "added X to its entity list") and
nominalisations ("the ban on X by the regulator", "imposed sanctions on X").
Which noun names the *target* depends on the phrase: a company object ("barred
Silex from buying"), the destination of a trade noun ("restricted sales of
chips to China"), the maker of a product ("blocked access to Grok, the chatbot
made by xAI"), or, when the object is the actor's own staff, whatever they are
barred from using. The frames below are data; :mod:`.ban_targets` walks the
parse from the trigger to the target.
"""

from __future__ import annotations

from blocgraph.ingest.rules.frames import ACTORS, Frame, Slot

# Verbs whose object (or passive subject) is what the actor stops.
BAN_VERBS = frozenset({
    "ban", "bar", "block", "prohibit", "blacklist", "sanction", "embargo", "outlaw",
    "restrict", "curb", "suspend", "forbid", "exclude",
})
# Nouns that name the measure: "the ban on", "imposed sanctions on", "its curbs on".
BAN_NOUNS = frozenset({
    "ban", "embargo", "prohibition", "blacklisting", "suspension", "restriction", "curb",
    "sanction", "control", "block",
})
# Verbs that stop trade only with a trade noun as object ("halted shipments to X",
# "stopped supplying X"); alone ("stopped the project") they are no ban.
HALT_VERBS = frozenset({"halt", "stop", "cease", "end", "pause"})
TRADE_NOUNS = frozenset({
    "shipment", "delivery", "supply", "sale", "export", "re-export", "import", "access",
    "service", "shipping", "supplying", "selling", "exporting", "use",
})
# "ordered X to sell its stake", "ordered the company to stop processing ...".
ORDER_VERBS = frozenset({"order", "force", "compel", "direct", "require"})
ORDERED_ACTS = frozenset({"sell", "divest", "dispose", "unwind", "exit", "stop", "cease",
                          "halt", "suspend", "remove", "withdraw", "delete"})
# "will require licences for exports of chips to China": a licence duty on a
# destination is a ban on it once in force.
LICENCE_VERBS = frozenset({"require", "impose", "introduce"})
LICENCE_NOUNS = frozenset({"licence", "license", "permit", "authorisation", "authorization",
                           "approval", "licencing", "licensing"})
# "X was hit with a similar order", "Y faced the same ban": a ban by whoever last
# took one in the article.
SIMILAR_VERBS = frozenset({"hit", "face"})
# "added X to its entity list", "put X on the blacklist".
LIST_VERBS = frozenset({"add", "put", "place", "include", "list"})

ACTOR = Slot("actor", ("agent", "prep:by"), ACTORS)

FRAMES: tuple[Frame, ...] = (
    Frame("ban-verb", "BAN", (ACTOR,), verbs=BAN_VERBS, nouns=BAN_NOUNS, confidence=0.85),
    Frame("cut-off", "BAN", (ACTOR,), verbs=frozenset({"cut"}), particle="off",
          confidence=0.85),
    Frame("shut-out", "BAN", (ACTOR,), verbs=frozenset({"shut"}), particle="out",
          confidence=0.85),
    Frame("halt-trade", "BAN", (ACTOR,), verbs=HALT_VERBS, confidence=0.8),
    Frame("order-exit", "BAN", (ACTOR,), verbs=ORDER_VERBS, confidence=0.8),
    Frame("list-add", "BAN", (ACTOR,), verbs=LIST_VERBS, confidence=0.85),
    Frame("licence", "BAN", (ACTOR,), verbs=LICENCE_VERBS, confidence=0.75),
    Frame("similar", "BAN", (ACTOR,), verbs=SIMILAR_VERBS, confidence=0.75),
)
