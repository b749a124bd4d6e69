// The domain-control-validation help of one pending domain: what to publish (copyable), a pre-flight check of
// the customer's setup, asking the CA to check now, changing the method, and resending the approval e-mail.
import { postJson, show, showProblem } from './api.js';
import { button, copyable, el, findingsList } from './ui.js';

export const DCV_METHOD = {
  EMAIL: 'E-mail approval', HTTP_FILE: 'HTTP file', DNS_TXT: 'DNS TXT record', DNS_CNAME: 'DNS CNAME record',
};

const PUBLISH = {
  DNS_TXT: ['Create this TXT record in the DNS zone of the domain:', 'Record name', 'Record value'],
  DNS_CNAME: ['Create this CNAME record in the DNS zone of the domain:', 'Record name', 'Points to'],
  HTTP_FILE: ['Publish this file on the web server of the domain, over plain HTTP (port 80):', 'URL', 'File content'],
};

let panels = 0;

/**
 * @param line {token(): string} access to the tracked line
 * @returns {{node: HTMLElement, update(domain): void}}
 */
export function dcvPanel(line) {
  const id = `dcv-${panels += 1}`;
  const node = el('div', 'dcv-panel');
  const publish = el('div', 'dcv-publish');
  const actions = el('div', 'dcv-actions');
  const findings = el('div', 'dcv-findings');
  findings.setAttribute('aria-live', 'polite');
  const error = el('div', 'message error dcv-error');
  error.setAttribute('role', 'alert');
  error.hidden = true;
  const done = el('div', 'message success dcv-done');
  done.setAttribute('role', 'status');
  done.hidden = true;

  const preflight = button('Check my setup', 'secondary dcv-preflight');
  const recheck = button('Ask the CA to check now', 'secondary dcv-recheck');
  const resend = button('Resend approval e-mail', 'secondary dcv-resend');
  const methodLabel = el('label', null, 'Change the validation method');
  methodLabel.htmlFor = `${id}-method`;
  const methodSelect = el('select', 'dcv-method-select');
  methodSelect.id = `${id}-method`;
  const change = button('Change method', 'secondary dcv-change');
  const changeRow = el('div', 'dcv-change-row');
  changeRow.append(methodLabel, methodSelect, change);
  actions.append(preflight, ' ', recheck, ' ', resend, changeRow);
  node.append(publish, actions, error, done, findings);

  let domain = null;
  let shownKey = '';

  const busy = async (trigger, work) => {
    show(error, '');
    show(done, '');
    trigger.disabled = true;
    try {
      await work();
    } catch (failure) {
      showProblem(error, failure);
    } finally {
      trigger.disabled = false;
    }
  };

  preflight.addEventListener('click', () => busy(preflight, async () => {
    const answer = await postJson('/api/tracking/checks/dcv', { domain: domain.name }, line.token());
    const result = (answer.domains || []).find((d) => d.domain === domain.name) || (answer.domains || [])[0];
    findings.replaceChildren();
    if (!result) {
      findings.append(el('p', 'meta', 'Nothing to check for this domain.'));
      return;
    }
    const verdict = el('p', `dcv-verdict ${result.ready ? 'ready' : 'not-ready'}`,
      result.ready ? 'Your setup looks right: ask the CA to check now.'
        : 'Not ready yet: the CA would not find what it looks for. Fix the problems below, then check again.');
    verdict.dataset.ready = String(Boolean(result.ready));
    findings.append(el('h4', null, `Check of ${result.domain}`), verdict, findingsList(result.findings));
  }));

  recheck.addEventListener('click', () => busy(recheck, async () => {
    await postJson('/api/tracking/dcv', { domain: domain.name, action: 'RECHECK' }, line.token());
    show(done, 'The CA is checking now. This page updates by itself when the domain is validated.');
  }));

  resend.addEventListener('click', () => busy(resend, async () => {
    await postJson('/api/tracking/dcv', { domain: domain.name, action: 'RESEND_APPROVAL' }, line.token());
    show(done, 'The approval e-mail is sent again to the domain\'s administrative addresses.');
  }));

  change.addEventListener('click', () => busy(change, async () => {
    const dcvMethod = methodSelect.value;
    await postJson('/api/tracking/dcv', { domain: domain.name, action: 'CHANGE_METHOD', dcvMethod }, line.token());
    findings.replaceChildren();
    show(done, `Method change to ${DCV_METHOD[dcvMethod]} requested. The new instructions appear here as soon as the CA has them.`);
  }));

  function renderPublish() {
    publish.replaceChildren();
    const spec = PUBLISH[domain.dcvMethod];
    if (spec && domain.dcvTarget) {
      const [intro, targetLabel, valueLabel] = spec;
      publish.append(el('p', null, intro));
      const facts = el('dl', 'facts');
      facts.append(el('dt', null, targetLabel));
      const target = el('dd');
      target.append(copyable(domain.dcvTarget, `${targetLabel} for ${domain.name}`));
      facts.append(target, el('dt', null, valueLabel));
      const value = el('dd');
      value.append(copyable(domain.dcvValue || '', `${valueLabel} for ${domain.name}`));
      facts.append(value);
      publish.append(facts);
    } else if (domain.dcvMethod === 'EMAIL') {
      publish.append(el('p', null, 'The CA sent an approval e-mail to the administrative addresses of the domain '
        + '(admin@, administrator@, webmaster@, hostmaster@, postmaster@). Open the link in it to approve.'));
    }
  }

  function renderMethods() {
    const wildcard = domain.name.startsWith('*.');
    methodSelect.replaceChildren();
    for (const [method, label] of Object.entries(DCV_METHOD)) {
      if (method === domain.dcvMethod || (wildcard && method === 'HTTP_FILE')) continue;
      const option = el('option', null, label);
      option.value = method;
      methodSelect.append(option);
    }
  }

  return {
    node,
    update(next) {
      domain = next;
      const key = [next.name, next.dcvMethod, next.dcvTarget, next.dcvValue].join('|');
      node.dataset.domain = next.name;
      node.dataset.method = next.dcvMethod || '';
      if (key === shownKey) return;
      if (shownKey) findings.replaceChildren(); // findings of the old method or record no longer apply
      shownKey = key;
      renderPublish();
      renderMethods();
      // Several domains show the same buttons: each names its domain for screen readers.
      for (const [control, text] of [[preflight, 'Check my setup'], [recheck, 'Ask the CA to check now'],
        [resend, 'Resend approval e-mail'], [change, 'Change method']]) {
        control.setAttribute('aria-label', `${text} for ${next.name}`);
      }
      recheck.hidden = next.dcvMethod === 'EMAIL';
      resend.hidden = next.dcvMethod !== 'EMAIL';
      preflight.hidden = false;
    },
  };
}
