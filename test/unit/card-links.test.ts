// What a link in a card may open (src/cards/linkPolicy.ts) and how the card shows it before it does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCardLink, isLocalHost, linkStatus } from '../../src/cards/linkPolicy';
import { hasBidiControls, neutraliseBidi } from '../../src/hub/format';
import { blobBase, resolveBase, resolveCardImage, resolveCardLink, type CardLocation, type LinkTarget } from '../../src/cards/urls';

/** A link target without the parsed URL it carries for the link policy, to compare with plain objects. */
const linkTarget = (target: LinkTarget) => (target.kind === 'external' ? { kind: target.kind, url: target.url } : target);

const HUB = 'https://huggingface.co';
const hub = { endpoint: HUB };
const card: CardLocation = { endpoint: HUB, type: 'model', id: 'org/model', revision: 'abc123' };

describe('card links: what opens at once, after asking, or never', () => {
  it('opens the Hub and Hugging Face sites at once', () => {
    for (const href of ['https://huggingface.co/gpt2', 'https://hf.co/x', 'https://cdn-uploads.huggingface.co/a.png', 'https://discuss.huggingface.co/t/1']) {
      const verdict = checkCardLink(href, hub);
      assert.equal(verdict.kind === 'open' && verdict.known, true, href);
    }
    const local = checkCardLink('http://127.0.0.1:5555/org/model', { endpoint: 'http://127.0.0.1:5555' });
    assert.deepEqual(local, { kind: 'open', url: 'http://127.0.0.1:5555/org/model', host: '127.0.0.1:5555', known: true }, 'the configured Hub, even on this machine');
  });

  it('asks first for any other site, naming its host in full', () => {
    for (const [href, host] of [
      ['https://arxiv.org/abs/1810.04805', 'arxiv.org'],
      ['http://huggingface.co/gpt2', 'huggingface.co'],
      ['https://huggingface.co.evil.example/login', 'huggingface.co.evil.example'],
      ['https://xn--hggingface-9db.co/', 'xn--hggingface-9db.co'],
      ['https://hüggingface.co/', 'xn--hggingface-9db.co'],
      ['https://huggingface.co:8443/', 'huggingface.co:8443'],
    ]) {
      assert.deepEqual(checkCardLink(href, hub), { kind: 'open', url: new URL(href).href, host, known: false }, href);
    }
  });

  it('opens mail links that fill in a subject at most, after asking', () => {
    assert.equal(checkCardLink('mailto:team@example.com', hub).kind, 'open');
    assert.equal(checkCardLink('mailto:team@example.com?subject=Model%20question', hub).kind, 'open');
    for (const href of ['mailto:team@example.com?body=hello', 'mailto:a@example.com?subject=x&cc=b@example.com', 'mailto:a@example.com?BCC=b@example.com', 'mailto:a@example.com?attach=/etc/passwd']) {
      assert.equal(checkCardLink(href, hub).kind, 'refuse', href);
    }
  });

  it('refuses links whose target or text carries bidi controls', () => {
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']) {
      assert.equal(checkCardLink(`https://example.com/${encodeURIComponent(c)}gpj.exe`, hub).kind, 'refuse', `encoded U+${c.charCodeAt(0).toString(16)}`);
      assert.equal(checkCardLink('https://example.com/', { ...hub, text: `huggingface.co${c}/docs` }).kind, 'refuse', `text U+${c.charCodeAt(0).toString(16)}`);
    }
    assert.equal(checkCardLink('https://example.com/', { ...hub, text: 'plain text' }).kind, 'open');
  });

  it('refuses paths that browsers read as another host', () => {
    for (const href of ['https://huggingface.co/\\evil.example', 'https://huggingface.co\\\\evil.example/', 'https://huggingface.co//evil.example/x']) {
      assert.equal(checkCardLink(href, hub).kind, 'refuse', href);
    }
    for (const href of ['/\\evil.example/login', '\\\\evil.example/login', '\\/evil.example', 'https:\\\\evil.example']) {
      assert.equal(resolveCardLink(href, card).kind, 'blocked', href);
    }
    assert.deepEqual(linkTarget(resolveCardLink('/gpt2', card)), { kind: 'external', url: `${HUB}/gpt2` });
  });

  it('refuses this computer and private networks from a public Hub card', () => {
    for (const href of [
      'http://localhost:8080/', 'http://api.localhost/', 'http://127.0.0.1/', 'http://127.1.2.3:3000/', 'http://2130706433/', 'http://0x7f.1/',
      'http://0.0.0.0:8000/', 'http://10.0.0.1/', 'http://172.16.0.1/', 'http://172.31.255.255/', 'http://192.168.1.1/admin', 'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/', 'http://[fc00::1]/', 'http://[fd12:3456::1]/', 'http://[fe80::1]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:10.1.2.3]/', 'https://LOCALHOST./',
    ]) {
      assert.equal(checkCardLink(href, hub).kind, 'refuse', href);
    }
    for (const href of ['http://172.32.0.1/', 'http://192.169.0.1/', 'http://11.0.0.1/', 'http://[2001:db8::1]/', 'https://localhost.example.com/']) {
      assert.equal(checkCardLink(href, hub).kind, 'open', href);
    }
    assert.equal(checkCardLink('http://10.0.0.5/x', { endpoint: 'http://10.0.0.2:8080' }).kind, 'open', 'a private Hub may link to its own network');
  });

  it('refuses what the host never opens', () => {
    for (const href of ['javascript:alert(1)', 'command:workbench.action.terminal.new', 'vscode://file/etc/passwd', 'file:///etc/passwd', 'https://user:pw@huggingface.co/', ' https://huggingface.co']) {
      assert.equal(checkCardLink(href, hub).kind, 'refuse', href);
    }
  });

  it('knows private addresses by their parsed host', () => {
    assert.equal(isLocalHost(new URL('http://017700000001/').hostname), true);
    assert.equal(isLocalHost('example.com'), false);
  });
});

describe('card links: resolved against the repo', () => {
  // Addresses with a scheme and `//` are parsed without the repo's base; everything else against it. Both must give
  // what the URL parser gives with the base, for the shapes where a base could matter.
  const hrefs = ['https://x.example/a', 'HTTPS://X.EXAMPLE', ' https://x.example/b ', 'https:relative', 'https:/one-slash', 'http:\\\\evil.example',
    '//protocol-relative.example/x', 'foo://bar', 'a+b.c-d://host', '1http://x', 'mailto:me@x.example', 'README.md', '../up', '/root', '?q=1', 'ht\ttps://x.example', '\u0000https://x.example'];

  it('gives the address the URL parser gives with the base, links and images alike', () => {
    for (const href of hrefs) {
      const expected = (base: string) => {
        try {
          return new URL(href.trim(), base).href;
        } catch {
          return undefined;
        }
      };
      const link = resolveCardLink(href, card);
      if (link.kind === 'external') {
        assert.equal(link.url, expected(blobBase(card)), href);
      }
      const image = resolveCardImage(href, card, 'all');
      if (image.kind === 'image') {
        assert.equal(image.url, expected(resolveBase(card)), href);
      }
    }
    assert.equal(linkTarget(resolveCardLink('https:relative', card)).kind, 'external');
    assert.deepEqual(linkTarget(resolveCardLink('https:relative', card)), { kind: 'external', url: `${blobBase(card)}relative` });
  });
});

describe('card links: the status line', () => {
  it('shows the host in full, apart, and the exact address', () => {
    const status = linkStatus(checkCardLink('https://huggingface.co.evil.example/login?next=/', hub));
    assert.deepEqual(status, { lead: 'Opens another site, after asking: ', host: 'huggingface.co.evil.example', detail: ' — https://huggingface.co.evil.example/login?next=/' });
    assert.deepEqual(linkStatus(checkCardLink('https://huggingface.co/gpt2', hub)), { lead: 'Opens ', host: 'huggingface.co', detail: ' — https://huggingface.co/gpt2' });
    assert.equal(linkStatus(checkCardLink('http://127.0.0.1/', hub)).lead, 'Not opened: ');
  });

  it('makes bidi controls visible rather than letting them reorder the text', () => {
    assert.equal(neutraliseBidi('abc\u202Efed'), 'abc<U+202E>fed');
    assert.equal(hasBidiControls(neutraliseBidi('\u2066x\u2069')), false);
  });
});
