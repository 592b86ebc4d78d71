import { html } from './html';

describe('html template tag', () => {
  it('escapes every interpolated string, keeps nested fragments, joins arrays', () => {
    const name = '<script>alert("x")</script> & \'Ánh\'';
    const item = (s: string) => html`<li>${s}</li>`;
    expect(
      html`<p title="${name}">${name}</p>
        <ul>
          ${['a<', 'b'].map(item)}
        </ul>
        ${null}${false}`.value
        .replace(/>\s+</g, '><')
        .trim(),
    ).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Ánh&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Ánh&#39;</p><ul><li>a&lt;</li><li>b</li></ul>',
    );
  });

  it('refuses values it cannot render safely', () => {
    expect(() => html`${{ toString: () => '<b>' }}`).toThrow(TypeError);
  });
});
