import { type Lang, TEXTS } from '../i18n';
import { html, type SafeHtml } from './html';

export type LookupField = 'serialNumber' | 'fullName' | 'dateOfBirth';

export interface FormState {
  values: Partial<Record<LookupField, string>>;
  errors: Partial<Record<LookupField, string>>;
}

/** The lookup form: a plain POST, so it works without JavaScript and keeps the data out of URLs. */
export function lookupForm(lang: Lang, s: FormState = { values: {}, errors: {} }): SafeHtml {
  const t = TEXTS[lang];
  const field = (name: LookupField, label: string, hint: string, extra: SafeHtml) => {
    const err = s.errors[name];
    return html`<div class="field${err ? ' invalid' : ''}">
      <label for="${name}">${label}</label>
      <p class="hint" id="${name}-hint">${hint}</p>
      ${err ? html`<p class="error" id="${name}-error">${err}</p>` : null}
      <input
        id="${name}"
        name="${name}"
        value="${s.values[name] ?? ''}"
        required
        autocomplete="off"
        spellcheck="false"
        aria-describedby="${name}-hint${err ? ` ${name}-error` : ''}"
        ${err ? html` aria-invalid="true"` : null}
        ${extra}
      />
    </div>`;
  };
  const errors = Object.keys(s.errors).length
    ? html`<div class="error-summary" role="alert"><p>${t.errTitle}</p></div>`
    : null;
  return html`${errors}
    <form class="lookup" method="post" action="/tra-cuu" novalidate>
      <input type="hidden" name="lang" value="${lang}" />
      ${field('serialNumber', t.serialLabel, t.serialHint, html`maxlength="40" autocapitalize="characters"`)}
      ${field('fullName', t.nameLabel, t.nameHint, html`maxlength="127" autocapitalize="words"`)}
      ${field('dateOfBirth', t.dobLabel, t.dobHint, html`maxlength="10" inputmode="numeric" placeholder="dd/mm/yyyy"`)}
      <button type="submit">${t.submit}</button>
    </form>`;
}
