import { expect, type Locator, type Page } from '@playwright/test';

/** The window sizes the console must work at: a phone and the usual desktop widths. */
export const LAYOUT_VIEWPORTS = [
  { name: 'a 390×844 phone', width: 390, height: 844 },
  { name: '1280×800', width: 1280, height: 800 },
  { name: '1440×900', width: 1440, height: 900 },
  { name: '1920×1080', width: 1920, height: 1080 },
] as const;

export type LayoutViewport = (typeof LAYOUT_VIEWPORTS)[number];

/**
 * Layout checks shared by the layout specs: no sideways page scroll, and a control that
 * a person can see whole (inside the window and inside its card, not clipped by a
 * scrolling box) and click. Also the app bar's two controls every screen must keep.
 */
export class LayoutProbe {
  readonly appBarSearch: Locator;
  readonly userMenu: Locator;

  constructor(readonly page: Page) {
    const appBar = page.getByRole('banner');
    // A text box on wide screens, an icon button on a phone: both carry this name.
    this.appBarSearch = appBar.getByLabel('Search customers');
    this.userMenu = appBar.getByRole('button', { name: 'Profile' });
  }

  /** How many pixels the document is wider than the window (a sideways scrollbar when > 0). */
  async horizontalOverflow(): Promise<number> {
    return this.page.evaluate(() => {
      const root = document.scrollingElement!;
      return root.scrollWidth - root.clientWidth;
    });
  }

  /**
   * What makes the page scroll sideways: the innermost elements reaching past the window's
   * right edge that no box clips or scrolls (a container stretched by its content is left
   * out when a child of it is past the edge too), one line each: name, text, pixels.
   */
  async pastTheWindow(): Promise<string[]> {
    return this.page.evaluate(() => {
      const windowRight = document.documentElement.clientWidth;
      const clippedInside = (element: Element) => {
        for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
          if (getComputedStyle(box).overflowX !== 'visible') return true;
        }
        return false;
      };
      const past = Array.from(document.body.querySelectorAll('*')).filter((element) => {
        const rect = element.getBoundingClientRect();
        return rect.width > 0 && rect.height > 0 && rect.right - windowRight > 1 && getComputedStyle(element).position !== 'fixed' && !clippedInside(element);
      });
      const innermost = past.filter((element) => !past.some((other) => other !== element && element.contains(other)));
      return innermost.slice(0, 5).map((element) => {
        const label = element.getAttribute('aria-label');
        const muiClass = Array.from(element.classList).find((c) => /^Mui\w+-root$/.test(c));
        const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
        const pixels = Math.round(element.getBoundingClientRect().right - windowRight);
        return `${element.tagName.toLowerCase()}${muiClass ? `.${muiClass}` : ''}${label ? ` "${label}"` : ''}${text ? ` ("${text}")` : ''} reaches ${pixels} px past the window`;
      });
    });
  }

  /** The element's text sits on one line: a number or an id the layout did not break in two. */
  async expectOneLine(element: Locator): Promise<void> {
    const lines = await element.evaluate((node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return new Set(Array.from(range.getClientRects()).filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top))).size;
    });
    expect(lines, `"${await element.innerText()}" is broken across lines`).toBe(1);
  }

  /**
   * The element's text breaks across lines only where a reader expects: between words,
   * after a hyphen or after an email's "@" ("support@op" over "sdesk.test" fails). Reads
   * each character's box: wherever the next character starts a lower line, what came
   * before it must be one of those.
   */
  async expectBreaksOnlyBetweenParts(element: Locator): Promise<void> {
    const midWord = await element.evaluate((node) => {
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      const breaks: string[] = [];
      let previous: { top: number; bottom: number; text: string } | null = null;
      let spaceSince = false;
      for (let text = walker.nextNode() as Text | null; text; text = walker.nextNode() as Text | null) {
        for (let i = 0; i < text.data.length; i++) {
          const char = text.data[i]!;
          if (/\s/.test(char)) {
            spaceSince = true;
            continue;
          }
          const range = document.createRange();
          range.setStart(text, i);
          range.setEnd(text, i + 1);
          const rect = range.getBoundingClientRect();
          if (rect.width === 0) continue;
          if (previous && rect.top >= previous.bottom - 1 && !spaceSince && !/[@-]$/.test(previous.text)) {
            breaks.push(`"${previous.text.slice(-12)}" | "${text.data.slice(i, i + 12)}"`);
          }
          previous = { top: rect.top, bottom: rect.bottom, text: (previous && rect.top < previous.bottom - 1 ? previous.text : '') + char };
          spaceSince = false;
        }
      }
      return breaks;
    });
    expect(midWord, `"${await element.innerText()}" breaks inside a word`).toEqual([]);
  }

  /**
   * Text too long for its box ends in "…": the element that cuts it sets text-overflow:
   * ellipsis and holds the text as plain inline content (the browser draws no ellipsis for
   * an inline-block child, which is then cut mid-letter). Each element of `element` (and
   * itself) that cuts its content is checked; the text must be cut somewhere.
   */
  async expectCutWithEllipsis(element: Locator): Promise<void> {
    const problems = await element.evaluate((root) => {
      const cutting = [root, ...Array.from(root.querySelectorAll('*'))].filter((node) => node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX !== 'visible');
      if (cutting.length === 0) return [`"${root.textContent}" is not cut: it needs a longer text or a narrower window`];
      return cutting.flatMap((node) => {
        const found: string[] = [];
        if (getComputedStyle(node).textOverflow !== 'ellipsis') found.push(`${node.tagName.toLowerCase()} cuts "${node.textContent}" without an ellipsis`);
        for (const child of Array.from(node.children)) {
          if (getComputedStyle(child).display === 'inline-block' && child.getBoundingClientRect().right > node.getBoundingClientRect().right + 1) {
            found.push(`${node.tagName.toLowerCase()} cuts an inline-block ("${child.textContent}"), which gets no ellipsis`);
          }
        }
        return found;
      });
    });
    expect(problems).toEqual([]);
  }

  async expectNoSidewaysScroll(): Promise<void> {
    expect(await this.horizontalOverflow(), 'the page scrolls sideways').toBeLessThanOrEqual(1);
  }

  /**
   * What scrolls sideways inside `container` (on a wide screen, nothing may): each box
   * whose overflow-x is auto or scroll holding content wider than itself, and each element
   * reaching past the container's right edge or the window's (the outermost only, not its children). One
   * line each, naming the element and its nearest labelled region, with the pixels.
   */
  async sidewaysOverflowsInside(container: Locator): Promise<string[]> {
    return container.evaluate((root) => {
      // The container's edge, or the window's when the container itself reaches past it.
      const rightEdge = Math.min(root.getBoundingClientRect().right, document.documentElement.clientWidth);
      const found: { element: Element; what: string }[] = [];
      const name = (element: Element) => {
        const label = element.getAttribute('aria-label');
        const muiClass = Array.from(element.classList).find((c) => /^Mui\w+-root$/.test(c));
        return `${element.tagName.toLowerCase()}${muiClass ? `.${muiClass}` : ''}${label ? ` "${label}"` : ''}`;
      };
      const place = (element: Element) => {
        const region = element.parentElement?.closest('[aria-label], h1, h2');
        const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        return `${name(element)}${region ? ` in ${name(region)}` : ''}${text ? ` ("${text}")` : ''}`;
      };
      for (const element of Array.from(root.querySelectorAll('*'))) {
        if (found.some((outer) => outer.element.contains(element))) continue;
        const style = getComputedStyle(element);
        if (style.visibility === 'hidden' || style.position === 'fixed') continue;
        const scrolls = element.scrollWidth - element.clientWidth;
        if (/auto|scroll/.test(style.overflowX) && scrolls > 1) {
          found.push({ element, what: `${place(element)} scrolls sideways by ${scrolls} px` });
          continue;
        }
        const rect = element.getBoundingClientRect();
        const past = Math.round(rect.right - rightEdge);
        if (rect.width > 0 && rect.height > 0 && past > 1) found.push({ element, what: `${place(element)} reaches ${past} px past the right edge` });
      }
      return found.map((entry) => entry.what);
    });
  }

  /**
   * The control is visible, wholly inside the window (after scrolling the page down to it)
   * and inside `container`'s box when given, and would receive a click there.
   */
  async expectUsable(control: Locator, container?: Locator): Promise<void> {
    await expect(control).toBeVisible();
    // Scrolls the page only, and only vertically: a control that a card clips sideways
    // must stay clipped here, where scrollIntoView would scroll the card to it.
    await control.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      window.scrollBy(0, rect.top + rect.height / 2 - window.innerHeight / 2);
    });
    await expect(control).toBeInViewport({ ratio: 1 });
    const box = (await control.boundingBox())!;
    const viewport = this.page.viewportSize()!;
    expect(box.x, 'starts left of the window').toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, 'ends right of the window').toBeLessThanOrEqual(viewport.width + 1);
    if (container) {
      const outer = (await container.boundingBox())!;
      expect(box.x, 'starts left of its card').toBeGreaterThanOrEqual(outer.x - 1);
      expect(box.x + box.width, 'ends right of its card').toBeLessThanOrEqual(outer.x + outer.width + 1);
    }
    // Actionability without acting: visible, stable, enabled and not covered by anything.
    await control.click({ trial: true });
  }

  /** The app bar's search and user menu are on screen and clickable. */
  async expectAppBarUsable(): Promise<void> {
    await this.expectUsable(this.appBarSearch);
    await this.expectUsable(this.userMenu);
  }
}
