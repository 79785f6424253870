#!/usr/bin/env python3
"""Generates rules/relations.toml: pattern macros expanded, each rule with a shape comment."""
import json, os, sys

E = "country|organization"

PAREN = '("(" <any>{1,8} ")")?'


def PT(r="parties", types=E):
    """A party noun phrase; the entity in role r. Tries, in order: "Canada's Teck",
    "Canadian miner Teck" / "miner Teck" / "units of Teck", bare "Teck"."""
    return (
        f"(the)? ( {{country|organization|place}} ' s (<word>|-|{{mineral}}){{0,3}} {{{r}: {types}}}"
        f" | ({{country}} (-)?)? (<word>|-|{{mineral}}){{0,4}} @org-noun (of)? (the)? {{{r}: {types}}}"
        f" | {{{r}: {types}}} ) {PAREN}"
    )


NC = '(<word>|<entity>|-|\'|.|%|$|&|"("|")"|/|:)'
APPOS_A = f"(, (a|an) {NC}* ,)?"
APPOS = ("(, (a|an|the|led|run|headed|owned|controlled|backed|formerly|which|who|whose|through|"
         "part|one|now|known|based|headquartered|chaired|itself|its|majority|state) ~18 ,)?")
SEP = "(,? (and|&|as well as|together with|along with) | ,)"


def LIST(r="parties", n=3, types=E):
    tail = ""
    for _ in range(n - 1):
        tail = f"( {SEP} {PT(r, types)} {APPOS_A} {tail} )?"
    return f"{PT(r, types)} {APPOS_A} {tail}"


AUX = "(have|has|had|also|formally|officially|jointly|now|finally|on <Cap>|today|earlier|last <word>|this <word>|in <Cap> (<word>)?|on|together|both|each|previously|recently|already|since)*"
TAILAUX = "(have|has|be|been|also|formally|officially|jointly|now|finally|together|both)*"

# A verb phrase that gives status: "{modality} sign", "signed", "agreed to", "will sign".
VS = ("( {modality: @modality} " + TAILAUX + " ({status: @sign-verb} | {status: @sign-now} | {status: @agree-verb} | {status: @agree-now})"
      " | {fut: @future} " + TAILAUX + " ({status: @sign-now} | {status: @agree-now})"
      " | {status: @sign-verb} | {status: @agree-verb} )")
# The same in a headline's present tense ("X and Y sign MoU").
VH = "({status: @sign-now} | {status: @agree-now})"
ST = "{neg}|{modality}|{fut}|{status}"

rules = []


def rel(id, fact, pattern, comment, examples, attributes=None, args=None, frame=None, within=None):
    rules.append(dict(id=id, fact=fact, pattern=" ".join(pattern.split()), comment=comment,
                      examples=examples, attributes=attributes, args=args, frame=frame,
                      within=within))


def ex(text, facts=None, no_facts=None):
    return dict(text=text, facts=facts or [], no_facts=no_facts or [])


HERE = os.path.dirname(os.path.abspath(__file__))
exec(open(os.path.join(HERE, "rules_agree.py")).read())
exec(open(os.path.join(HERE, "rules_other.py")).read())

HEADER = open(os.path.join(HERE, "header.toml")).read()


def q(s):
    return json.dumps(s, ensure_ascii=False)


out = [HEADER]
for r in rules:
    if r.get("section"):
        out.append(r["section"])
        continue
    out.append("[[relation]]")
    out.append(f'id = "{r["id"]}"')
    out.append(f'fact = "{r["fact"]}"')
    for line in r["comment"].strip().splitlines():
        out.append("# " + line.strip() if line.strip() else "#")
    assert "'''" not in r["pattern"]
    out.append(f"pattern = '''{r['pattern']}'''")
    if r["args"]:
        out.append("args = { " + ", ".join(f"{k} = {q(v)}" for k, v in r["args"].items()) + " }")
    if r["attributes"]:
        out.append("attributes = { " + ", ".join(f"{k} = {q(v)}" for k, v in r["attributes"].items()) + " }")
    if r["frame"]:
        out.append(f'frame = "{r["frame"]}"')
    if r.get("within"):
        out.append(f'within = "{r["within"]}"')
    out.append("examples = [")
    for e in r["examples"]:
        parts = [f"text = {q(e['text'])}"]
        if e["facts"]:
            parts.append("facts = [" + ", ".join(q(f) for f in e["facts"]) + "]")
        if e["no_facts"]:
            parts.append("no_facts = [" + ", ".join(q(f) for f in e["no_facts"]) + "]")
        out.append("  { " + ", ".join(parts) + " },")
    out.append("]")
    out.append("")

open(sys.argv[1], "w").write("\n".join(out))
