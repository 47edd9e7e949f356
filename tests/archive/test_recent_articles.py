"""The watermark an import keeps of the articles other clients commit while it runs
(archive/recent.py): each row above it is taken once, the mark moves over the ids seen,
and a gap (a row not committed yet, or an id no row will have) holds it a while only."""

from __future__ import annotations

from archive.recent import GAP_SECONDS, START_SLACK, RecentArticles


def test_rows_are_taken_once_and_the_mark_moves_over_ids_seen():
    clock = [0.0]
    recent = RecentArticles(1000, clock=lambda: clock[0])
    assert recent.mark == 1000 - START_SLACK  # rows just below the highest are looked at again
    window = [(i, i * 7) for i in range(recent.mark + 1, 1001)]
    assert recent.take(window) == window
    assert recent.take(window) == []
    assert recent.mark == 1000
    recent.note(1001)  # the import's own article
    assert recent.take([(1001, 0), (1002, 5)]) == [(1002, 5)]
    assert recent.mark == 1002


def test_a_gap_holds_the_mark_until_it_is_filled_or_given_up():
    clock = [0.0]
    recent = RecentArticles(START_SLACK, clock=lambda: clock[0])
    assert recent.take([(1, 0), (3, 0), (4, 0)]) == [(1, 0), (3, 0), (4, 0)]
    assert recent.mark == 1  # 2: another client's row not committed yet
    clock[0] = GAP_SECONDS / 2
    assert recent.take([(3, 0), (4, 0)]) == []
    assert recent.take([(2, 9), (3, 0), (4, 0)]) == [(2, 9)]  # committed now: found
    assert recent.mark == 4
    assert recent.take([(7, 1)]) == [(7, 1)]  # 5 and 6: never committed
    assert recent.mark == 4
    clock[0] += GAP_SECONDS + 1
    assert recent.take([(7, 1), (8, 2)]) == [(8, 2)]
    assert recent.mark == 8
