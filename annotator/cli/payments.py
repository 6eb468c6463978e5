"""``annotator payments add|list`` and ``annotator items reject``: money the worker records."""
from __future__ import annotations

from datetime import datetime

NAMES = ("payments", "items")


def register(sub, common) -> None:
    pay = sub.add_parser("payments", parents=[common], help="payments you received (in the timesheet)")
    psub = pay.add_subparsers(dest="payments_command", metavar="COMMAND")
    add = psub.add_parser("add", parents=[common], help="record a payment you received")
    add.add_argument("amount", metavar="AMOUNT", help="how much you received, e.g. 12.50")
    add.add_argument("currency", metavar="CURRENCY", help="three letters, like EUR")
    add.add_argument("--date", metavar="DATE", help="when it was paid (YYYY-MM-DD; default: now)")
    add.add_argument("--pack", metavar="ID", help="the pack it pays for")
    add.add_argument("--lab", metavar="LAB", help="who paid")
    add.add_argument("--note", default="", metavar="TEXT", help="a note of your own (an invoice number...)")
    add.set_defaults(func=run_add)
    lst = psub.add_parser("list", parents=[common], help="list the recorded payments")
    lst.set_defaults(func=run_list)
    imp = psub.add_parser(
        "import", parents=[common],
        help="import a CSV of payouts (a platform's statement): the columns are named by their headers; rows "
             "imported before are skipped; a bad row imports nothing")
    imp.add_argument("file", metavar="FILE.csv", help="the payouts as CSV, with a header row")
    imp.add_argument("--amount", required=True, metavar="COLUMN", help="the column of the amount received")
    imp.add_argument("--date", dest="date_column", required=True, metavar="COLUMN", help="the column of the date paid")
    cur = imp.add_mutually_exclusive_group(required=True)
    cur.add_argument("--currency", metavar="COLUMN", help="the column of the currency code")
    cur.add_argument("--currency-code", metavar="CODE", help="one currency for every row, like EUR")
    who = imp.add_mutually_exclusive_group()
    who.add_argument("--lab", metavar="COLUMN", help="the column naming who paid")
    who.add_argument("--lab-name", metavar="NAME", help="who paid every row (the platform or lab)")
    imp.add_argument("--note", metavar="COLUMN", help="a column kept as the payment's note")
    imp.add_argument("--id", dest="ident", metavar="COLUMN",
                     help="the column of the transaction id (a row with an id already imported is skipped)")
    imp.add_argument("--date-format", metavar="FORMAT", help="the dates' format, like %%d/%%m/%%Y (default ISO 8601)")
    imp.add_argument("--delimiter", metavar="CHAR", help=", ; or tab (default: guessed)")
    imp.add_argument("--decimal", default=".", metavar="CHAR", help="the decimal mark of the amounts, . or ,")
    imp.set_defaults(func=run_import)

    items = sub.add_parser("items", parents=[common], help="items of your packs")
    isub = items.add_subparsers(dest="items_command", metavar="COMMAND")
    reject = isub.add_parser("reject", parents=[common], help="record that the lab rejected an item")
    reject.add_argument("pack", metavar="ID", help="the pack's id")
    reject.add_argument("item", metavar="ITEM", help="the item's id in the pack")
    reject.add_argument("--reason", default="", metavar="TEXT", help="the reason the lab gave")
    reject.add_argument("--paid", default="0", metavar="AMOUNT", help="what the lab still pays for it (default 0)")
    reject.add_argument("--date", metavar="DATE", help="when (YYYY-MM-DD; default: now)")
    reject.set_defaults(func=run_reject)


def run_add(ctx) -> int:
    from annotator.core.metering.ledger import add_payment

    a = ctx.args
    row = add_payment(ctx.store, a.amount, a.currency, when=a.date, pack=a.pack, lab=a.lab, note=a.note)
    ctx.out(f"record {row.seq}: payment of {row.data['amount']:.2f} {row.data['currency']}")
    return 0


def run_list(ctx) -> int:
    from annotator.core.metering.repository import MeterRepository

    total: dict[str, float] = {}
    for row in MeterRepository(ctx.store).rows(kinds=("payment",)):
        d = row.data
        when = datetime.fromtimestamp(row.start).date().isoformat()
        ctx.out(f"{row.seq:>6}  {when}  {d['amount']:>10.2f} {d['currency']}  {row.pack or d.get('lab') or ''}  "
                f"{d.get('note', '')}".rstrip())
        total[d["currency"]] = total.get(d["currency"], 0.0) + float(d["amount"])
    for cur, amount in sorted(total.items()):
        ctx.out(f"total {amount:.2f} {cur}")
    if not total:
        ctx.out("no payments recorded")
    return 0


def run_import(ctx) -> int:
    from annotator.core.metering.ledger import import_payments

    a = ctx.args
    result = import_payments(ctx.store, a.file, amount=a.amount, date_column=a.date_column, currency=a.currency,
                             currency_code=a.currency_code, lab=a.lab, lab_name=a.lab_name, note=a.note,
                             ident=a.ident, date_format=a.date_format, delimiter=a.delimiter, decimal=a.decimal)
    totals: dict[str, float] = {}
    for row in result["added"]:
        totals[row.data["currency"]] = totals.get(row.data["currency"], 0.0) + float(row.data["amount"])
    money = ", ".join(f"{v:.2f} {c}" for c, v in sorted(totals.items())) or "nothing"
    ctx.out(f"imported {len(result['added'])} payments ({money})"
            + (f"; {result['skipped']} rows imported before were skipped" if result["skipped"] else ""))
    return 0


def run_reject(ctx) -> int:
    from annotator.core.metering.ledger import add_rejection

    a = ctx.args
    row = add_rejection(ctx.store, a.pack, a.item, reason=a.reason, paid=a.paid, when=a.date)
    ctx.out(f"record {row.seq}: item {row.item} of {row.pack} rejected")
    return 0
