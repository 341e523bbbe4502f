"""The words of legal events shared by the event rules and the subject resolution: trigger lemmas
and the verbs of speech (whose subject speaks about an event, never undergoes it)."""

from __future__ import annotations

# lemma -> legal status; multi-word triggers are matched on the sentence text first.
TRIGGERS: dict[str, str] = {
    "arrest": "arrested", "detain": "arrested", "apprehend": "arrested", "catch": "arrested",
    "charge": "charged", "indict": "indicted", "indictment": "indicted", "sentencing": "sentenced", "extradite": "extradited",
    "convict": "convicted", "acquit": "acquitted", "clear": "acquitted",
    "sentence": "sentenced", "jail": "sentenced", "imprison": "sentenced",
    "release": "released", "free": "released", "pardon": "released", "exchange": "released", "swap": "released",
    "sanction": "sanctioned", "designate": "sanctioned", "dismiss": "dismissed", "drop": "dismissed",
}
# the verbs of reporting: "..., the ministry said on Tuesday" dates and voices a statement
SPEECH = {"say", "tell", "announce", "report", "state", "add", "confirm", "disclose", "reveal", "claim", "write",
          "post", "publish", "declare"}
# Trades and ranks a report may describe its defendant by ("a Navy sailor was convicted", "a former
# guard has been jailed"): the person the report names is the one meant
TRADES = ("sailor", "guard", "technician", "teacher", "pilot", "sergeant", "captain", "colonel", "lieutenant",
          "translator", "interpreter", "programmer", "veteran", "serviceman", "servicewoman", "airman", "seaman")
