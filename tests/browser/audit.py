"""Measure one page as our quality bars do (the same measures as shared/tools/pageaudit)."""

from urllib.parse import urlsplit

BUDGET = {"bytes": 30_000, "requests": 4, "dom": 390}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DOM_COUNT_JS = """() => {
  const all = document.getElementsByTagName('*').length;
  let inSvg = 0;
  for (const svg of document.getElementsByTagName('svg'))
    inSvg += svg.getElementsByTagName('*').length;
  return all - inSvg;
}"""
LINKS_JS = "els => els.map(e => e.href)"


def measure(browser, url, *, axe_source, cookies=()):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(list(cookies))
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes, seen, http_errors, console_errors = {}, [], [], []
    cdp.on("Network.requestWillBeSent", lambda e: seen.append(e["request"]["url"]))
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], e.get("encodedDataLength", 0)),
    )
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.on(
        "response",
        lambda r: http_errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    response = page.goto(url, wait_until="networkidle")
    host = urlsplit(url).netloc
    result = {
        "url": page.url,
        "status": response.status if response else None,
        "requests": len([u for u in seen if not u.startswith("data:")]),
        "bytes": sum(sizes.values()),
        "dom": page.evaluate(DOM_COUNT_JS),
        "third_party": sorted(
            {
                u
                for u in seen
                if urlsplit(u).netloc not in ("", host)
                and urlsplit(u).scheme in ("http", "https", "ws", "wss")
            }
        ),
        "http_errors": http_errors,
        "console_errors": console_errors,
        "links": page.eval_on_selector_all("a[href]:not([download])", LINKS_JS),
    }
    # Evaluated through DevTools, which the page's strict CSP rightly does not let a <script> do.
    cdp.send("Runtime.evaluate", {"expression": axe_source})
    result["axe"] = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
            .violations.map(v => `${v.id} (${v.impact}) on ${v.nodes.length} element(s): `
                + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(', '))""",
        AXE_TAGS,
    )
    context.close()

    context = browser.new_context(java_script_enabled=False)
    context.add_cookies(list(cookies))
    page = context.new_page()
    page.goto(url)
    main = page.query_selector("main")
    result["nojs_main_text"] = len(main.inner_text().strip()) if main else 0
    context.close()
    return result


def problems_of(result):
    found = []
    if result["status"] is None or result["status"] >= 400:
        found.append(f"status {result['status']}")
    for measure, limit in BUDGET.items():
        if result[measure] > limit:
            found.append(f"{measure} {result[measure]} > {limit}")
    found += [f"third-party request {u}" for u in result["third_party"]]
    found += [f"HTTP error {e}" for e in result["http_errors"]]
    found += [f"console error {e}" for e in result["console_errors"]]
    found += [f"axe {v}" for v in result["axe"]]
    if result["nojs_main_text"] == 0:
        found.append("no <main> content without JavaScript")
    return found
