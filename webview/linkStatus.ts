/**
 * The card's status line: where the link under the pointer or the keyboard focus goes, before it is clicked (a card
 * link's text can say anything). The host is shown in full and in bold, bidi controls made visible; refused links
 * say why. The line lives outside the card's <main>, so replacing the card never removes it.
 */
import { checkCardLink, linkStatus } from '../src/cards/linkPolicy';

export function installLinkStatus(endpoint: () => string | undefined): void {
  const line = document.createElement('p');
  line.className = 'link-status';
  line.setAttribute('role', 'status');
  line.setAttribute('aria-live', 'polite');
  line.hidden = true;
  document.body.append(line);

  const show = (event: Event) => {
    const link = event.target instanceof Element ? event.target.closest('article.readme a') : null;
    const hub = endpoint();
    if (!link || !hub) {
      return;
    }
    const href = link.getAttribute('href');
    if (href?.startsWith('#')) {
      line.hidden = true;
      return;
    }
    const status = href
      ? linkStatus(checkCardLink(href, { endpoint: hub, text: link.textContent ?? '' }))
      : { lead: '', host: '', detail: link.getAttribute('title') ?? 'Link not opened' };
    const host = document.createElement('strong');
    host.textContent = status.host;
    line.replaceChildren(status.lead, host, status.detail);
    line.hidden = false;
  };
  const hide = (event: Event) => {
    if (event.target instanceof Element && event.target.closest('article.readme a')) {
      line.hidden = true;
    }
  };
  document.addEventListener('mouseover', show);
  document.addEventListener('focusin', show);
  document.addEventListener('mouseout', hide);
  document.addEventListener('focusout', hide);
}
