"""The report's charts: one function per chart, data in, matplotlib ``Figure`` out.

Every chart must read in print and in grey-scale, so categories are told apart
by marker shape, line style and hatching, never by colour alone, and titles
and axis labels are written for a reader who is not a specialist. Figures are
built on :class:`matplotlib.figure.Figure` directly (Agg, no pyplot state), so
building charts in a server or a notebook leaks no figures.
:func:`figure_to_svg` gives byte-identical SVG for the same input (fixed hash
salt, no date), which keeps the committed example report stable.

Article titles and sources are untrusted: they reach a chart only as plain
text (mathtext off, glyphs drawn as paths), so nothing in them is interpreted.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import matplotlib
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analyzer.config import ALIGN_FLOOR, SPUN_MIN_COVERAGE
from analyzer.verdicts import DERIVED

#: Style shared by every chart; applied while a figure is built and while it is saved.
STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "text.parse_math": False,  # "$5 and $10" in a title must stay text
    "svg.fonttype": "path",  # glyphs as paths: same look everywhere, no font needed
    "svg.hashsalt": "analyzer-report",
    "hatch.linewidth": 0.8,
}

#: How each relation is drawn: marker and line style carry the category, grey only helps.
RELATION_STYLE: dict[str, dict[str, Any]] = {
    "spun": {"marker": "^", "linestyle": "-", "grey": "0.1", "label": "spun (reworded copy)"},
    "copy": {"marker": "s", "linestyle": "--", "grey": "0.35", "label": "copy (same words)"},
    "same_story": {"marker": "o", "linestyle": ":", "grey": "0.65", "label": "same story, own words"},
    "unrelated": {"marker": "x", "linestyle": ":", "grey": "0.8", "label": "unrelated"},
}

#: Above this many articles, the graph hides articles with no copy or spin edge.
GRAPH_ALL_NODES_LIMIT = 20

#: Derived pairs numbered on the spin map (the surest, a known original first); the rest are counted.
SPIN_MAP_LABELS = 8

#: Largest number of articles shown in the similarity heatmap (the most connected ones).
HEATMAP_LIMIT = 40

_SHORT_ID = re.compile(r"^([^\W_]+)_")


@contextmanager
def chart_style() -> Iterator[None]:
    """The report's matplotlib settings, for the duration of building or saving a chart."""
    with matplotlib.rc_context(STYLE):
        yield


def _clip(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def article_labels(articles: pd.DataFrame, width: int = 22) -> dict[str, str]:
    """Short, unique labels for article ids: the id's prefix (``003``) and the named source.

    Seed-style ids (``003_26342a6f``) shorten to their prefix when that stays
    unique; sources that are only placeholders (``unnamed (...)``) are left out.
    """
    ids = [str(i) for i in articles["id"]]
    prefixes = [m.group(1) if (m := _SHORT_ID.match(i)) else i for i in ids]
    unique = len(set(prefixes)) == len(prefixes)
    sources = articles["source"] if "source" in articles else pd.Series([None] * len(ids))
    labels = {}
    for article_id, prefix, source in zip(ids, prefixes, sources, strict=True):
        short = prefix if unique else _clip(article_id, 14)
        named = isinstance(source, str) and source and not source.startswith("unnamed")
        labels[article_id] = _clip(f"{short} · {source}" if named else short, width)
    return labels


def _ok_articles(analysis: Any) -> pd.DataFrame:
    arts = analysis.articles
    return arts[arts["status"] == "ok"].sort_values("id").reset_index(drop=True)


def _empty_chart(title: str, message: str, size: tuple[float, float] = (6.5, 2.0)) -> Figure:
    fig = Figure(figsize=size)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(title, loc="left")
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, wrap=True)
    return fig


def _declutter(fig: Figure, movable: list[Any], fixed: list[Any] = (), step: float = 10.0,
               tries: int = 30) -> list[bool]:
    """Shift annotation labels (offset in points) up or down until none covers another.

    Labels are placed in the order given, so the first keep their place;
    ``fixed`` texts (titles, notes) are obstacles that never move. A label
    with no free place is hidden. Returns, per label, whether it is shown.
    Call after ``tight_layout``: extents are measured on the final layout.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    placed = [t.get_window_extent(renderer) for t in fixed]
    for text in movable:
        x0, y0 = text.xyann
        for k in range(tries + 1):
            box = text.get_window_extent(renderer)
            if not any(box.overlaps(other) for other in placed):
                break
            shift = step * (k // 2 + 1) * (1 if k % 2 == 0 else -1)
            text.xyann = (x0, y0 + shift)
        else:
            text.set_visible(False)  # nowhere free: drop it rather than cover another label
            continue
        placed.append(text.get_window_extent(renderer))
    return [text.get_visible() for text in movable]


def _derived_edges(pairs: pd.DataFrame) -> pd.DataFrame:
    """Copied or spun pairs as edges ``source`` → ``target`` (original to derivative when known)."""
    rows = []
    for p in pairs[pairs["relation"].isin(DERIVED)].itertuples():
        original = p.original_id if isinstance(p.original_id, str) else None
        derived = (p.b if original == p.a else p.a) if original else None
        prob = p.spin_probability if p.relation == "spun" else p.p_copy
        rows.append({"source": original or p.a, "target": derived or p.b, "relation": p.relation,
                     "directed": original is not None, "probability": float(prob)})
    return pd.DataFrame(rows, columns=["source", "target", "relation", "directed", "probability"])


def _forest(edges: pd.DataFrame) -> nx.DiGraph:
    """Each group's strongest links only: a shallow spanning tree of its derived pairs.

    Within one story, every copy of a copy is also a copy of the original, so
    drawing every derived pair is a hairball at fifty articles. Each group is
    drawn as a tree grown breadth-first from its root (an article nothing is
    known to derive from, the most linked first), each article joined to the
    surest of its links to the level before (a known direction counts before
    probability): the tree is as shallow as the group allows, so a group of
    near-identical copies is a star, not a chain. Edges keep their direction;
    the root has the node attribute ``root``.
    """
    graph = nx.Graph()
    for e in edges.itertuples():
        weight = e.probability + (1.0 if e.directed else 0.0)
        if not graph.has_edge(e.source, e.target) or graph[e.source][e.target]["weight"] < weight:
            graph.add_edge(e.source, e.target, weight=weight, source=e.source, relation=e.relation,
                           directed=e.directed, probability=e.probability)
    derived = {(v if d["source"] == u else u) for u, v, d in graph.edges(data=True) if d["directed"]}
    forest = nx.DiGraph()
    forest.add_nodes_from(graph.nodes)
    for group in nx.connected_components(graph):
        root = min(group, key=lambda n: (n in derived, -graph.degree(n, weight="weight"), n))
        forest.nodes[root]["root"] = True
        seen, frontier = {root}, [root]
        while frontier:
            reached = sorted({n for f in frontier for n in graph[f]} - seen)
            for node in reached:
                parent = max((f for f in frontier if graph.has_edge(f, node)),
                             key=lambda f: (graph[f][node]["weight"], f))
                d = graph[parent][node]
                a, b = (parent, node) if d["source"] == parent else (node, parent)
                forest.add_edge(a, b, relation=d["relation"], directed=d["directed"],
                                probability=d["probability"])
            seen.update(reached)
            frontier = reached
    return forest


def _tree_rows(forest: nx.DiGraph, group: set[str]) -> dict[str, tuple[int, int]]:
    """(column, row) of each node of one tree: the root on the left, each leaf on a row of its own."""
    tree = forest.subgraph(group).to_undirected()
    root = next((n for n in sorted(group) if forest.nodes[n].get("root")), min(group))
    place: dict[str, tuple[int, int]] = {}
    row = 0
    stack: list[tuple[str, int, str | None, bool]] = [(root, 0, None, True)]
    while stack:  # depth first, without recursion: a group may hold thousands of articles
        node, column, parent, first_child = stack.pop()
        if not first_child:
            row += 1
        place[node] = (column, row)
        children = sorted(n for n in tree.neighbors(node) if n != parent)
        stack += [(child, column + 1, node, k == 0) for k, child in reversed(list(enumerate(children)))]
    return place


#: Widest group drawn, in columns (tree levels); wider ones are counted, not drawn.
GRAPH_COLUMNS_LIMIT = 6

#: Height of the provenance graph, in rows of one article each: groups beyond it are counted, not drawn.
GRAPH_ROWS_LIMIT = 20


def provenance_graph(analysis: Any) -> Figure:
    """Who took text from whom: each group of related articles as a tree, the original on the left.

    Solid lines are spins, dashed lines copies; an arrow points from the
    original to the article derived from it, and a plain line is a copy or
    spin whose direction could not be told. Originals are open circles,
    derived articles filled squares, articles of unknown order grey diamonds,
    and each derived article's label says
    how it was derived and how sure the model is. Only each group's strongest
    links are drawn (see :func:`_forest`), one article per row, so no label
    covers another; groups past :data:`GRAPH_ROWS_LIMIT` rows, and (above
    :data:`GRAPH_ALL_NODES_LIMIT` articles) articles with no link, are counted
    in the title instead of drawn.
    """
    title = "Who copied or spun whom"
    with chart_style():
        arts = _ok_articles(analysis)
        if not len(arts):
            return _empty_chart(title, "No article could be analysed.")
        labels = article_labels(arts)
        forest = _forest(_derived_edges(analysis.pairs))
        groups = sorted(nx.weakly_connected_components(forest), key=lambda g: (-len(g), min(g)))
        loners = [] if len(arts) > GRAPH_ALL_NODES_LIMIT else sorted(set(arts["id"]) - set(forest.nodes))
        hidden_loners = len(arts) - len(forest.nodes) - len(loners)
        pos: dict[str, tuple[float, float]] = {}
        row, drawn, left_out = 0, 0, 0
        for group in groups:
            place = _tree_rows(forest, group)
            height = 1 + max(r for _, r in place.values())
            too_wide = max(c for c, _ in place.values()) >= GRAPH_COLUMNS_LIMIT
            if too_wide or (row and row + height > GRAPH_ROWS_LIMIT):
                left_out += len(group)
                continue
            pos.update({n: (float(c), -float(row + r)) for n, (c, r) in place.items()})
            row += height + 1
            drawn += 1
        width = max([int(x) for x, _ in pos.values()] + [0]) + 1
        per_row = max(3, width)
        for k, node in enumerate(loners):
            pos[node] = (float(k % per_row), -float(row + k // per_row))
        n_rows = max(1, int(-min([y for _, y in pos.values()] + [0.0])) + 1)
        columns = max(per_row if loners else width, 2)
        fig = Figure(figsize=(max(6.5, 2.0 * columns), 0.42 * n_rows + 1.4))
        ax = fig.add_subplot()
        ax.set_axis_off()
        derived, unsure, how = set(), set(), {}
        for u, v, d in forest.edges(data=True):
            if u not in pos or v not in pos:
                continue
            style = RELATION_STYLE[d["relation"]]
            ax.annotate("", xy=pos[v], xytext=pos[u], arrowprops={
                "arrowstyle": "-|>" if d["directed"] else "-", "linestyle": style["linestyle"],
                "color": "black", "linewidth": 1.4, "mutation_scale": 14, "shrinkA": 9, "shrinkB": 9})
            if d["directed"]:
                derived.add(v)
                how.setdefault(v, f"{d['relation']} {d['probability']:.0%}")
            else:
                child = v if pos[v][0] >= pos[u][0] else u
                unsure.update((u, v))
                how.setdefault(child, f"{d['relation']} {d['probability']:.0%}, order unknown")
        originals = {u for u, v, d in forest.edges(data=True) if d["directed"]}
        unsure -= originals | derived  # a diamond only where every link's order is unknown
        for node, (x, y) in pos.items():
            marker, face = (("s", "0.25") if node in derived else ("D", "0.8") if node in unsure
                            else ("o", "white"))
            ax.plot([x], [y], marker=marker, markersize=10 if marker != "D" else 8, markerfacecolor=face,
                    markeredgecolor="black", markeredgewidth=1.3, linestyle="none")
            text = labels[node] + (f"\n{how[node]}" if node in how else "")
            # Above the node, clear of the line that leaves it to the right.
            ax.annotate(text, (x, y), xytext=(-5, 7), textcoords="offset points", ha="left",
                        va="bottom", fontsize=8, linespacing=1.1)
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        ax.set_xlim(min(xs) - 0.15, max(xs) + 1.0)
        ax.set_ylim(min(ys) - 0.4, max(ys) + 0.9)
        notes = []
        if left_out:
            notes.append(f"{left_out} more related articles in {len(groups) - drawn} groups not drawn; "
                         "see the pair table")
        if hidden_loners:
            notes.append(f"{hidden_loners} articles with no copy or spin not drawn")
        ax.set_title(title + (f" ({'; '.join(notes)})" if notes else ""), loc="left", fontsize=10)
        handles = [
            matplotlib.lines.Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor="black",
                                    linestyle="none", label="original (nothing it derives from)"),
            matplotlib.lines.Line2D([], [], marker="s", markerfacecolor="0.25", markeredgecolor="black",
                                    linestyle="none", label="derived from another article"),
            matplotlib.lines.Line2D([], [], marker="D", markerfacecolor="0.8", markeredgecolor="black",
                                    linestyle="none", label="shares text; which came first unknown"),
            matplotlib.lines.Line2D([], [], color="black", linestyle="-", label="spun: reworded copy"),
            matplotlib.lines.Line2D([], [], color="black", linestyle="--", label="copy: same words"),
        ]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.01), ncol=3,
                  frameon=False, fontsize=8)
        fig.tight_layout()
        if not forest.number_of_edges():
            ax.text(0.0, 1.0, "No copies or spins found: every article reads as its own.",
                    ha="left", va="bottom", transform=ax.transAxes, fontsize=8)
    return fig


def _heatmap_ids(arts: pd.DataFrame, pairs: pd.DataFrame) -> list[str]:
    ids = list(arts["id"])
    if len(ids) <= HEATMAP_LIMIT:
        return _by_story(arts, ids)
    linked = pairs[pairs["relation"].isin(DERIVED)]
    best = pd.concat([pairs[["a", "doc_cosine"]].rename(columns={"a": "id"}),
                      pairs[["b", "doc_cosine"]].rename(columns={"b": "id"})])
    order = best.groupby("id")["doc_cosine"].max().sort_values(ascending=False).index
    chosen = list(dict.fromkeys([*sorted(set(linked["a"]) | set(linked["b"])), *order, *ids]))
    return _by_story(arts, chosen[:HEATMAP_LIMIT])


def _by_story(arts: pd.DataFrame, ids: list[str]) -> list[str]:
    """``ids`` ordered by story, then id: articles on one story sit together."""
    story = dict(zip(arts["id"], arts["story"], strict=True)) if "story" in arts else {}
    return sorted(ids, key=lambda i: (story.get(i) is None, str(story.get(i, "")).zfill(12), i))


def similarity_heatmap(analysis: Any) -> Figure:
    """Whole-article meaning similarity for every pair, each cell marked with the verdict.

    The value is the cosine of the two articles' embeddings (1 = same meaning).
    It shows the limit of a single score: a spin and an independent report of
    the same story can score alike; the verdict letters come from the full
    sentence-level analysis. Pairs that candidate pruning did not examine are
    hatched. Above :data:`HEATMAP_LIMIT` articles, the most connected ones are shown.
    """
    title = "How similar in meaning is each pair of articles?"
    with chart_style():
        arts = _ok_articles(analysis)
        if len(arts) < 2:
            return _empty_chart(title, "Fewer than two articles: no pair to compare.")
        ids = _heatmap_ids(arts, analysis.pairs)
        labels = article_labels(arts.set_index("id").loc[ids].reset_index())
        index = {article_id: k for k, article_id in enumerate(ids)}
        n = len(ids)
        values = np.full((n, n), np.nan)
        verdict: dict[tuple[int, int], str] = {}
        for p in analysis.pairs.itertuples():
            if p.a in index and p.b in index:
                i, j = index[p.a], index[p.b]
                values[i, j] = values[j, i] = p.doc_cosine
                verdict[(i, j)] = verdict[(j, i)] = p.relation
        size = min(11.0, max(4.8, 0.55 * n + 2.5))
        fig = Figure(figsize=(size + 1.2, size))
        ax = fig.add_subplot()
        finite = values[np.isfinite(values)]
        vmin = math.floor(10 * min(finite.min(), 0.9)) / 10 if finite.size else 0.0
        edges = np.arange(n + 1) - 0.5
        # Vector cells (not an embedded bitmap): crisp in print and in every SVG renderer.
        image = ax.pcolormesh(edges, edges, np.ma.masked_invalid(values), cmap="viridis", vmin=vmin,
                              vmax=1.0, edgecolors="white", linewidth=0.5)
        ax.set_aspect("equal")
        ax.set_xlim(edges[0], edges[-1])
        ax.set_ylim(edges[-1], edges[0])
        ax.set_facecolor("white")
        ax.patch.set_hatch("////")
        ax.patch.set_edgecolor("0.75")
        if n <= 15:
            short = {"spun": "SPUN", "copy": "COPY", "same_story": "same story", "unrelated": "unrel."}
            for (i, j), relation in verdict.items():
                dark = values[i, j] < vmin + 0.55 * (1 - vmin)
                ax.text(j, i, f"{values[i, j]:.2f}\n{short[relation]}", ha="center", va="center",
                        fontsize=7 if n > 8 else 8, color="white" if dark else "black",
                        fontweight="bold" if relation in DERIVED else "normal")
            for k in range(n):
                ax.text(k, k, "—", ha="center", va="center", color="0.4")
        tick_labels = [labels[i] for i in ids]
        # Slanted labels' boxes overlap past a few articles; upright ones one cell apart never do.
        slant = {"rotation": 40, "ha": "right"} if n <= 8 else {"rotation": 90, "ha": "center"}
        ax.set_xticks(range(n), tick_labels, fontsize=8 if n <= 20 else 6, **slant)
        ax.set_yticks(range(n), tick_labels, fontsize=8 if n <= 20 else 6)
        ax.spines[:].set_visible(False)
        bar = fig.colorbar(image, ax=ax, shrink=0.8)
        bar.solids.set_rasterized(False)  # vector, like the rest: crisp in print
        bar.set_label("meaning similarity of the whole articles (1 = identical meaning)")
        shown = "" if n == len(arts) else f" ({n} of {len(arts)} articles)"
        ax.set_title(title + shown, loc="left")
        fig.tight_layout()
    return fig


def spin_map(analysis: Any) -> Figure:
    """Each pair placed by words shared (x) against meaning shared (y).

    x is word 5-gram containment (the share of one article's five-word
    sequences found in the other: what plain copy detectors see); y is the
    share of sentences with a same-meaning match in the other article (the
    weaker side; sentence embeddings). Copies sit top right, spins top left
    (same meaning, new words), independent reports of the same story low.
    The dashed line is the coverage a spin needs (``SPUN_MIN_COVERAGE``).
    """
    title = "Spin map: same meaning, different words"
    with chart_style():
        pairs = analysis.pairs
        if not len(pairs):
            return _empty_chart(title, "No pair was examined.")
        labels = article_labels(_ok_articles(analysis))
        fig = Figure(figsize=(8.6, 4.8))
        ax = fig.add_subplot()
        for relation, style in RELATION_STYLE.items():
            sub = pairs[pairs["relation"] == relation]
            if not len(sub):
                continue
            filled = relation in DERIVED
            colours = ({"c": "black"} if style["marker"] == "x" else
                       {"facecolors": style["grey"] if filled else "none", "edgecolors": "black"})
            ax.scatter(sub["shingle5_containment_max"], sub["coverage_min"], marker=style["marker"],
                       s=70 if filled else 40, label=f"{style['label']} ({len(sub)})", linewidths=1.1,
                       zorder=3, **colours)
        derived = pairs[pairs["relation"].isin(DERIVED)].copy()
        derived["_sure"] = derived[["spin_probability", "p_copy"]].max(axis=1)
        derived["_directed"] = derived["original_id"].map(lambda v: isinstance(v, str))
        told = derived.sort_values(["_directed", "_sure", "a", "b"],
                                   ascending=[False, False, True, True]).head(SPIN_MAP_LABELS)
        marks, key = [], []
        for k, p in enumerate(told.itertuples(), start=1):
            original = p.original_id if isinstance(p.original_id, str) else None
            if original:
                copy_id = p.b if original == p.a else p.a
                key.append(f"{k}  {labels.get(original, original)} → {labels.get(copy_id, copy_id)}")
            else:
                key.append(f"{k}  {labels.get(p.a, p.a)} – {labels.get(p.b, p.b)}")
            marks.append(ax.annotate(str(k), (p.shingle5_containment_max, p.coverage_min), xytext=(6, 4),
                                     textcoords="offset points", fontsize=8, fontweight="bold", zorder=6,
                                     bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "0.3",
                                           "lw": 0.6},
                                     arrowprops={"arrowstyle": "-", "color": "0.4", "linewidth": 0.6,
                                                 "shrinkA": 0, "shrinkB": 3}))
        ax.axhline(SPUN_MIN_COVERAGE, color="0.3", linestyle="--", linewidth=0.8, zorder=1)
        # Notes sit above the points on a white ground, so no point hides a word.
        on_top = {"zorder": 7,
                  "bbox": {"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}}
        notes = [
            ax.text(0.01, SPUN_MIN_COVERAGE - 0.01, f"a spin rewrites ≥ {SPUN_MIN_COVERAGE:.0%} of a text",
                    ha="left", va="top", fontsize=7, color="0.3", **on_top),
            ax.text(0.01, 1.06, "spins: meaning kept,\nwords replaced", ha="left", va="top", fontsize=8,
                    style="italic", color="0.3", **on_top),
            ax.text(0.99, 1.06, "copies: meaning\nand words kept", ha="right", va="top", fontsize=8,
                    style="italic", color="0.3", **on_top),
            ax.text(0.99, 0.02, "independent reports: little of either", ha="right", va="bottom",
                    fontsize=8, style="italic", color="0.3", **on_top),
        ]
        ax.set_xlim(-0.03, 1.03)
        ax.set_ylim(-0.03, 1.07)
        ax.set_xlabel("Words shared: share of 5-word sequences found in the other article")
        ax.set_ylabel("Meaning shared: share of sentences with a\nsame-meaning match in the other article")
        ax.set_title(title, loc="left")
        # Outside the plot, so neither covers a point or a note.
        legend = ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False)
        more = len(derived) - len(key)
        tail = [f"({more} more derived pairs: see the pair table)"] if more > 0 else []
        listing = ax.text(1.04, 0.62, "", transform=ax.transAxes, ha="left", va="top", fontsize=8,
                          linespacing=1.35)
        ax.grid(True, color="0.9", linewidth=0.6)
        fig.tight_layout()
        shown = _declutter(fig, marks, fixed=[*notes, legend, ax.title])
        if key:  # the list is filled after placing, so it can say which number found no room
            lines = [line + ("" if ok else " (not marked: crowded)")
                     for line, ok in zip(key, shown, strict=True)]
            listing.set_text("Numbered pairs:\n" + "\n".join(lines + tail))
    return fig


def originality_chart(analysis: Any) -> Figure:
    """Articles ranked by originality (0-100), least original on top; derived ones hatched."""
    title = "How original is each article?"
    with chart_style():
        arts = _ok_articles(analysis)
        if "originality" not in arts or not arts["originality"].notna().any():
            return _empty_chart(title, "No originality scores (the analysis ran without scores).")
        arts = arts[arts["originality"].notna()].sort_values(["originality", "id"], ascending=[False, False])
        labels = article_labels(arts, width=28)
        fig = Figure(figsize=(6.5, min(30.0, max(2.2, 0.38 * len(arts) + 1.3))))
        ax = fig.add_subplot()
        derived = [bool(isinstance(d, list | tuple | np.ndarray) and len(d)) for d in
                   arts.get("derived_from", pd.Series([[]] * len(arts)))]
        y = np.arange(len(arts))
        bars = ax.barh(y, arts["originality"], color=["0.45" if d else "0.85" for d in derived],
                       edgecolor="black", linewidth=0.8, height=0.65)
        for bar, is_derived in zip(bars, derived, strict=True):
            if is_derived:
                bar.set_hatch("///")
        for k, value in enumerate(arts["originality"]):
            ax.text(value + 1.5, k, f"{value:.0f}", va="center", fontsize=8)
        ax.set_yticks(y, [labels[i] for i in arts["id"]])
        ax.set_xlim(0, 108)
        ax.set_xlabel("Originality: share of the article's own sentences not taken from another (0–100)")
        ax.set_title(title, loc="left", pad=22)
        handles = [matplotlib.patches.Patch(facecolor="0.85", edgecolor="black", label="original"),
                   matplotlib.patches.Patch(facecolor="0.45", edgecolor="black", hatch="///",
                                            label="copied or spun from another article")]
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2,
                  frameon=False, fontsize=8)
        fig.tight_layout()
    return fig


#: Marker per alignment link kind (shape carries the kind in grey-scale).
_KIND_MARKER: Mapping[str, tuple[str, str]] = {
    "match": ("o", "one sentence ↔ one sentence"),
    "split": ("s", "sentence split or merged"),
    "merge": ("s", "sentence split or merged"),
    "repeat_a": ("D", "passage repeated"),
    "repeat_b": ("D", "passage repeated"),
}


def alignment_map(result: Any) -> Figure:
    """Which sentence of the original became which sentence of the other article.

    One mark per aligned sentence pair: x is the sentence number in the
    original (or in article ``a`` when the direction is unknown), y in the
    other. Darker marks are closer in meaning. A rising line of marks is a
    text rewritten in order, the signature of a spinner; marks ringed are
    sentences where a fact (number, unit or name) changed.
    """
    with chart_style():
        flipped = result.original == "b"
        first, second = (result.b_id, result.a_id) if flipped else (result.a_id, result.b_id)
        title = f"Sentence by sentence: {_clip(first, 14)} and {_clip(second, 14)}"
        al = result.alignment
        if not len(al):
            return _empty_chart(title, "No sentence of one article matches a sentence of the other.")
        # Numbered from 1, as in the side-by-side table.
        x = (al["b_index"] if flipped else al["a_index"]) + 1
        y = (al["a_index"] if flipped else al["b_index"]) + 1
        fig = Figure(figsize=(5.6, 4.8))
        ax = fig.add_subplot()
        top = int(max(x.max(), y.max()))
        ax.plot([1, top], [1, top], color="0.7", linestyle=":", linewidth=1, zorder=1,
                label="same position in both")
        kinds = al["kind"].map(lambda k: _KIND_MARKER.get(k, ("o", "one sentence ↔ one sentence")))
        image = None
        for marker, label in dict.fromkeys(kinds):
            mask = kinds == (marker, label)
            image = ax.scatter(x[mask], y[mask], c=al["similarity"][mask], cmap="Greys",
                               vmin=ALIGN_FLOOR - 0.15, vmax=1.0, marker=marker, s=46,
                               edgecolors="black", linewidths=0.6, label=label, zorder=3)
        changes = result.fact_changes
        if len(changes):
            cx = (changes["b_index"] if flipped else changes["a_index"]) + 1
            cy = (changes["a_index"] if flipped else changes["b_index"]) + 1
            ax.scatter(cx, cy, s=220, facecolors="none", edgecolors="black", linewidths=1.4,
                       label="a fact changed here", zorder=4)
        bar = fig.colorbar(image, ax=ax, shrink=0.8)
        bar.solids.set_rasterized(False)  # vector, like the rest: crisp in print
        bar.set_label("meaning similarity of the two sentences")
        role = "original" if result.original else "first article"
        ax.set_xlabel(f"sentence number in the {role}: {_clip(first, 30)}")
        ax.set_ylabel(f"sentence number in {_clip(second, 30)}")
        ax.set_xlim(0.2, top + 0.8)
        ax.set_ylim(0.2, top + 0.8)
        ax.set_title(title, loc="left", fontsize=10)
        ax.legend(loc="upper left", fontsize=7, frameon=True, framealpha=0.9)
        ax.grid(True, color="0.92", linewidth=0.6)
        fig.tight_layout()
    return fig


_COMMENT = re.compile(r"<!--.*?-->|<metadata>.*?</metadata>", re.DOTALL)
_ID_REF = re.compile(r'(\bid="|href="#|url\(#)([^")]+)')


def figure_to_svg(fig: Figure) -> str:
    """The figure as an inline ``<svg>`` element (no XML prologue), same bytes for the same figure.

    Several charts share one HTML page, so every ``id`` (and reference to
    it) gets a prefix drawn from the chart's own content: ids stay unique
    on the page and stable from run to run. Comments (matplotlib writes each
    label's text there) and the RDF metadata block (URLs of vocabularies, a
    tool's name) are dropped. The figure is cleared afterwards:
    charts are built once and embedded.
    """
    buffer = io.StringIO()
    with chart_style():
        fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    fig.clear()
    svg = buffer.getvalue()
    svg = _COMMENT.sub("", svg[svg.index("<svg"):]).strip()
    prefix = "c" + hashlib.sha1(svg.encode("utf-8")).hexdigest()[:8]
    return _ID_REF.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
