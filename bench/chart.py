#!/usr/bin/env python3
"""Draws bench/results/chart.svg from the committed BenchmarkDotNet results.

Reads every bench/results/*Verify*-report-github.md and *Encode*-report-github.md (the GitHub Markdown export) and
draws, per benchmark class and per value of its other parameters (payload, threads), one panel of grouped bars: one
group per algorithm, one bar per contender, its height the Ratio column, the mean over the floor (the class's
baseline, `Raw`, drawn as the line at 1). Python 3 standard library only.

Run by hand from anywhere after new results are committed:

    python3 bench/chart.py                 # writes bench/results/chart.svg
    python3 bench/chart.py --out other.svg
"""

import argparse
import glob
import html
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "results")
PATTERNS = ("*Verify*-report-github.md", "*Encode*-report-github.md")
STAT_COLUMNS = {"Categories"}

# One colour per contender, the same in every panel; MiniJwt in blues, the raw primitive in greys.
COLOURS = {
    "MiniJwtString": "#1f5fbf",
    "MiniJwtUtf8": "#5b9bef",
    "MiniJwtSpan": "#7fb3f5",
    "RawHmacOneShot": "#9a9a9a",
    "IdentityModelJsonWebToken": "#d9822b",
    "SystemIdentityModelJwt": "#c0392b",
    "JoseJwt": "#8e44ad",
    "JwtNet": "#27ae60",
}
FALLBACK = ["#16a085", "#7f8c8d", "#f1c40f", "#2c3e50", "#e84393"]


def number(cell):
    """The float in a cell such as '**1.67**' or '1,460.1 ns'; None for '-', 'NA', '?'."""
    match = re.search(r"-?\d[\d,]*(?:\.\d+)?", cell.replace("*", ""))
    return float(match.group(0).replace(",", "")) if match else None


def read_table(path):
    """(class name, header, rows as dicts) of one -report-github.md file."""
    rows, header = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line.startswith("|"):
                continue
            cells = [c.strip().replace("**", "").strip() for c in line.strip("|").split("|")]
            if header is None:
                header = cells
            elif set(line) <= set("|-: "):
                continue
            elif any(cells):
                rows.append(dict(zip(header, cells)))
    name = os.path.basename(path).replace("-report-github.md", "").split(".")[-1]
    return name, header or [], rows


def panels(path):
    """Yields (title, {algorithm: {method: ratio}}, baseline method) for each combination of the other parameters."""
    name, header, rows = read_table(path)
    if "Method" not in header or "Mean" not in header or "Ratio" not in header:
        return
    params = [h for h in header[header.index("Method") + 1:header.index("Mean")] if h not in STAT_COLUMNS]
    if "Algorithm" not in params:
        return
    others = [p for p in params if p != "Algorithm"]
    groups = {}
    for row in rows:
        ratio = number(row.get("Ratio", ""))
        if ratio is None or not row.get("Method"):
            continue
        key = tuple(row[p] for p in others)
        groups.setdefault(key, {}).setdefault(row["Algorithm"], {})[row["Method"]] = ratio
    for key, by_algorithm in groups.items():
        # The floor is the contender at 1.00 in every group (the [Benchmark(Baseline = true)] method).
        methods = {m for ratios in by_algorithm.values() for m in ratios}
        floor = [m for m in methods if all(abs(r.get(m, 1.0) - 1.0) < 0.05 for r in by_algorithm.values())]
        baseline = "Raw" if "Raw" in floor else (floor[0] if floor else None)
        label = ", ".join(f"{p} {v}" for p, v in zip(others, key))
        title = name.replace("Benchmarks", "") + (f" — {label}" if label else "")
        yield title, by_algorithm, baseline


def nice_step(top):
    for step in (0.5, 1, 2, 5, 10, 20, 50):
        if top / step <= 8:
            return step
    return 100


def draw(all_panels, source_files):
    bar, gap, group_gap = 12, 2, 22
    left, right, top_pad, plot_h, legend_h = 48, 16, 34, 170, 0
    methods = []
    for _, by_algorithm, baseline in all_panels:
        for ratios in by_algorithm.values():
            for m in ratios:
                if m != baseline and m not in methods:
                    methods.append(m)
    order = list(COLOURS)
    methods.sort(key=lambda m: (order.index(m) if m in order else len(order), m))
    colours = {m: COLOURS.get(m, FALLBACK[i % len(FALLBACK)]) for i, m in enumerate(methods)}
    widths = []
    for _, by_algorithm, baseline in all_panels:
        n = max(len([m for m in r if m != baseline]) for r in by_algorithm.values())
        widths.append(left + right + len(by_algorithm) * (n * (bar + gap) + group_gap))
    width = max([760] + widths)
    legend_rows = (len(methods) + 2) // 3
    legend_h = 18 * legend_rows + 50
    panel_h = top_pad + plot_h + 40
    height = legend_h + panel_h * len(all_panels) + 30

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           'font-family="Helvetica, Arial, sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
           f'<text x="{left}" y="20" font-size="14" font-weight="bold">Time as a multiple of the bare primitive '
           '(lower is better; MiniJwt bars labelled)</text>',
           f'<text x="{left}" y="36" fill="#555">Dashed line: the floor, Raw (the keyed HMAC, RSA or ECDSA call alone).</text>']
    for i, m in enumerate(methods):
        x, y = left + (i % 3) * 220, 52 + (i // 3) * 18
        out.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colours[m]}"/>')
        out.append(f'<text x="{x + 15}" y="{y}">{html.escape(m)}</text>')

    y0 = legend_h
    for title, by_algorithm, baseline in all_panels:
        top = max(r for ratios in by_algorithm.values() for m, r in ratios.items() if m != baseline)
        step = nice_step(top)
        ymax = step * (int(top / step) + 1)
        scale = plot_h / ymax
        base_y = y0 + top_pad + plot_h
        out.append(f'<text x="{left}" y="{y0 + 20}" font-size="13" font-weight="bold">{html.escape(title)}</text>')
        tick = 0.0
        while tick <= ymax + 1e-9:
            ty = base_y - tick * scale
            out.append(f'<line x1="{left}" y1="{ty:.1f}" x2="{width - right}" y2="{ty:.1f}" stroke="#e6e6e6"/>')
            out.append(f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end" fill="#555">{tick:g}×</text>')
            tick += step
        x = left + group_gap / 2
        for algorithm, ratios in by_algorithm.items():
            shown = [m for m in methods if m in ratios]
            gx = x
            for m in shown:
                r = ratios[m]
                h = r * scale
                tip = f"{m}, {algorithm}: {r:.2f}× the floor"
                out.append(f'<rect x="{x:.1f}" y="{base_y - h:.1f}" width="{bar}" height="{h:.1f}" fill="{colours[m]}">'
                           f'<title>{html.escape(tip)}</title></rect>')
                if m.startswith("MiniJwt"):
                    lx, ly = x + bar / 2 + 3, base_y - h - 3
                    out.append(f'<text x="{lx:.1f}" y="{ly:.1f}" transform="rotate(-90 {lx:.1f} {ly:.1f})" font-size="9" '
                               f'fill="{colours[m]}">{r:.2f}</text>')
                x += bar + gap
            out.append(f'<text x="{(gx + x) / 2:.1f}" y="{base_y + 14}" text-anchor="middle">{html.escape(algorithm)}</text>')
            x += group_gap
        one = base_y - scale
        out.append(f'<line x1="{left}" y1="{one:.1f}" x2="{width - right}" y2="{one:.1f}" stroke="#000" stroke-dasharray="4 3"/>')
        out.append(f'<line x1="{left}" y1="{base_y}" x2="{width - right}" y2="{base_y}" stroke="#888"/>')
        y0 += panel_h
    out.append(f'<text x="{left}" y="{height - 12}" fill="#555">Drawn by bench/chart.py from bench/results: '
               f'{html.escape(", ".join(source_files))} (BenchmarkDotNet Ratio column).</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def short(name):
    return name.replace("MiniJwt.Bench.", "").replace("-report-github.md", "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", default=RESULTS, help="folder of *-report-github.md files (default: bench/results)")
    parser.add_argument("--out", default=os.path.join(RESULTS, "chart.svg"), help="the SVG to write")
    args = parser.parse_args()
    files = sorted({f for p in PATTERNS for f in glob.glob(os.path.join(args.results, p))})
    all_panels = [p for f in files for p in panels(f)]
    if not all_panels:
        sys.exit(f"no Verify/Encode results with an Algorithm parameter and a Ratio column in {args.results}")
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(draw(all_panels, [short(os.path.basename(f)) for f in files]))
    print(f"wrote {args.out}: {len(all_panels)} panels from {len(files)} files")


if __name__ == "__main__":
    main()
