import type { DisclosureDto } from '../../verification/disclosures.controller';
import { href, type Lang, TEXTS } from '../i18n';
import { html, type SafeHtml } from './html';
import { layout, showDate } from './layout';

export interface IssuerOption {
  code: string;
  nameVi: string;
  nameEn: string;
}

/** PUB-1, PUB-7: the published lists of one issuer and year, chosen with a GET form (nothing personal). */
export function disclosuresPage(
  lang: Lang,
  issuers: IssuerOption[],
  chosen: { issuer?: string; year: number },
  d: DisclosureDto | null,
): string {
  const t = TEXTS[lang];
  const c = t.discCols;
  const name = (o: { nameVi: string; nameEn: string }) => (lang === 'vi' ? o.nameVi : o.nameEn);
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - 2019 }, (_, i) => thisYear - i);
  const table = (caption: string, head: string[], rows: SafeHtml[]) =>
    rows.length
      ? html`<table>
          <caption>
            ${caption}
          </caption>
          <thead>
            <tr>
              ${head.map((h) => html`<th scope="col">${h}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>`
      : html`<h2>${caption}</h2>
          <p>${t.discNone}</p>`;
  const lists = d
    ? html`<h2>${name({ nameVi: d.issuerNameVi, nameEn: d.issuerNameEn })} — ${String(d.year)}</h2>
        ${table(
          t.discIssued,
          [c.decision, c.school, c.type, c.issuedOn, c.count, c.serials],
          d.issued.map(
            (r) =>
              html`<tr>
                <td>${t.decision(r.decisionNo, showDate(r.decidedOn, lang))}</td>
                <td>${name({ nameVi: r.schoolNameVi, nameEn: r.schoolNameEn })}</td>
                <td>${t.types[r.credentialType] ?? r.credentialType}</td>
                <td>${showDate(r.issuedOn, lang)}</td>
                <td>${String(r.count)}</td>
                <td>${r.firstSerialNumber ? `${r.firstSerialNumber} – ${r.lastSerialNumber}` : '—'}</td>
              </tr>`,
          ),
        )}
        ${table(
          t.discRevoked,
          [c.decision, c.ground, c.type, c.serials, c.entry, c.note],
          d.revocations.map(
            (r) =>
              html`<tr>
                <td>${t.decision(r.decisionNo, showDate(r.decidedOn, lang))}</td>
                <td>${t.grounds[r.ground] ?? r.ground}</td>
                <td>${t.types[r.credentialType] ?? r.credentialType}</td>
                <td>${r.serialNumber ?? '—'}</td>
                <td>${r.registerEntryNumber}</td>
                <td>${r.publicNote ?? ''}</td>
              </tr>`,
          ),
        )}`
    : null;
  return layout({
    lang,
    title: t.discTitle,
    path: '/cong-khai',
    query: chosen.issuer ? { issuer: chosen.issuer, year: String(chosen.year) } : {},
    body: html`<p class="lead">${t.discIntro}</p>
      <form class="disclosure" method="get" action="/cong-khai">
        ${lang === 'en' ? html`<input type="hidden" name="lang" value="en" />` : null}
        <div class="field">
          <label for="issuer">${t.discIssuer}</label>
          <select id="issuer" name="issuer">
            ${issuers.map((o) => html`<option value="${o.code}" ${o.code === chosen.issuer ? html` selected` : null}>${name(o)} (${o.code})</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="year">${t.discYear}</label>
          <select id="year" name="year">
            ${years.map((y) => html`<option${y === chosen.year ? html` selected` : null}>${String(y)}</option>`)}
          </select>
        </div>
        <button type="submit">${t.discShow}</button>
      </form>
      ${lists}`,
  });
}

const HELP: Record<Lang, SafeHtml> = {
  vi: html`<h2>Cách 1: Tra cứu bằng số hiệu</h2>
    <ol>
      <li>Tìm <strong>số hiệu</strong> in trên văn bằng (thường ở góc dưới, ví dụ BT0123456).</li>
      <li>Nhập số hiệu, <strong>họ và tên</strong> và <strong>ngày sinh</strong> đúng như trên văn bằng.</li>
      <li>
        Nếu khớp, trang kết quả hiện nội dung trong sổ gốc: so sánh từng dòng với bản giấy. Tình trạng cho
        biết văn bằng còn hiệu lực, đã được chỉnh sửa, cấp lại hay bị thu hồi, kèm số và ngày quyết định.
      </li>
    </ol>
    <h2>Cách 2: Quét mã QR</h2>
    <ol>
      <li>Mở camera điện thoại và quét mã QR trên văn bằng; trang kiểm tra mở ra.</li>
      <li>
        Điện thoại tự kiểm tra <strong>chữ ký số</strong> của cơ quan cấp, không cần gửi thông tin đi. Dù mất
        mạng, bạn vẫn biết mã QR có phải do cơ quan cấp ký hay không.
      </li>
      <li>
        Khi có mạng, trang hỏi hệ thống tình trạng hiện tại của văn bằng (còn hiệu lực, thu hồi, cấp lại).
      </li>
    </ol>
    <h2>Khi kết quả là “không khớp”</h2>
    <p>
      Hệ thống trả lời giống nhau khi số hiệu không tồn tại và khi họ tên hoặc ngày sinh không đúng, để không
      ai dò được thông tin của người khác. Hãy kiểm tra lại cách viết, hoặc liên hệ cơ quan cấp văn bằng. Mỗi
      địa chỉ mạng được tra cứu một số lần nhất định mỗi phút.
    </p>
    <h2>Cơ quan chức năng</h2>
    <p>
      Cơ quan công an và cơ quan nhà nước có thẩm quyền tra cứu qua tài khoản riêng; mỗi lần tra cứu ghi rõ số
      vụ việc và mục đích.
    </p>`,
  en: html`<h2>Option 1: look up by serial number</h2>
    <ol>
      <li>
        Find the <strong>serial number</strong> printed on the diploma (usually at the bottom, e.g.
        BT0123456).
      </li>
      <li>
        Enter the serial number, the <strong>full name</strong> and the <strong>date of birth</strong> exactly
        as printed.
      </li>
      <li>
        On a match the result shows the content of the master register: compare each line with the paper. The
        status says whether the diploma is valid, corrected, re-issued or revoked, with the decision number
        and date.
      </li>
    </ol>
    <h2>Option 2: scan the QR code</h2>
    <ol>
      <li>Scan the QR code on the diploma with a phone camera; the verification page opens.</li>
      <li>
        The phone checks the issuing body’s <strong>digital signature</strong> itself, without sending
        anything. Even offline you learn whether the QR code was signed by the issuer.
      </li>
      <li>
        When online, the page asks the registry for the diploma’s current status (valid, revoked, re-issued).
      </li>
    </ol>
    <h2>When the answer is “no match”</h2>
    <p>
      The registry answers the same way for a serial number that does not exist and for a wrong name or date
      of birth, so nobody can probe other people’s data. Check the spelling, or contact the issuing body. Each
      network address may make a limited number of lookups per minute.
    </p>
    <h2>Authorities</h2>
    <p>
      Police and other competent authorities query through personal accounts; each query states its case
      number and purpose.
    </p>`,
};

export function helpPage(lang: Lang): string {
  const t = TEXTS[lang];
  return layout({
    lang,
    title: t.helpTitle,
    path: '/huong-dan',
    body: html`${HELP[lang]}
      <p><a class="button" href="${href('/', lang)}">${t.navLookup}</a></p>`,
  });
}
