import { dayMonthYear } from '../../common/calendar/working-day-calendar';
import { href, type Lang, TEXTS } from '../i18n';
import { html, type SafeHtml } from './html';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 14/09/2008 in Vietnamese; "14 September 2008" in English, which no reader can take for 9 December. */
export function showDate(day: string, lang: Lang): string {
  if (lang === 'vi') return dayMonthYear(day);
  const [y, m, d] = day.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

export interface Page {
  lang: Lang;
  title: string;
  /** Path of this page for the language switch (GET pages only; a POST result links home). */
  path: string;
  query?: Record<string, string>;
  body: SafeHtml;
  scripts?: string[];
}

export function layout(p: Page): string {
  const t = TEXTS[p.lang];
  const other = t.otherLangCode;
  return html`<!doctype html>
    <html lang="${p.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${p.title === t.siteName ? p.title : `${p.title} — ${t.siteName}`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/assets/portal.css" />
        ${(p.scripts ?? []).map((s) => html`<script type="module" src="${s}"></script>`)}
      </head>
      <body>
        <a class="skip" href="#main">${t.skip}</a>
        <header class="site">
          <a class="brand" href="${href('/', p.lang)}"
            ><span class="emblem" aria-hidden="true">★</span> ${t.siteName}<small>${t.siteTagline}</small></a
          >
          <nav aria-label="${t.navMain}">
            <ul>
              <li><a href="${href('/', p.lang)}">${t.navLookup}</a></li>
              <li><a href="${href('/cong-khai', p.lang)}">${t.navDisclosures}</a></li>
              <li><a href="${href('/huong-dan', p.lang)}">${t.navHelp}</a></li>
              <li>
                <a class="lang" lang="${other}" hreflang="${other}" href="${href(p.path, other, p.query)}"
                  >${t.otherLang}</a
                >
              </li>
            </ul>
          </nav>
        </header>
        <main id="main">
          <h1>${p.title}</h1>
          ${p.body}
        </main>
        <footer class="site">
          <p>${t.footer}</p>
          <p><a href="/api/docs">${t.apiDocs}</a></p>
        </footer>
      </body>
    </html> `.value;
}
