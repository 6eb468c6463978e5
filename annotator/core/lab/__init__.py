"""The lab's side: results bundles from workers, merging them, agreement, the fair-pay report.

Qt-free. A worker writes a signed results bundle (:mod:`.bundle`); a lab verifies and
merges bundles into a database (:mod:`.db`, SQLite by default, PostgreSQL for a shared
server) and exports them in any format the pack's plugin offers (:mod:`.merge`), and
reports what its packs really pay per hour (:mod:`.report`).
"""
