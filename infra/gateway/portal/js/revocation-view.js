// A revocation-status answer (OCSP and CRL, each with its explanation) as a person reads it; used by the status
// page for the current certificate and by the public revocation page for any pasted certificate.
import { formatDate } from './api.js';
import { el } from './ui.js';

const STATUS = {
  GOOD: ['Not revoked', 'success', 'The Certificate Authority reports this certificate as valid (not revoked).'],
  REVOKED: ['Revoked', 'error', 'The Certificate Authority has revoked this certificate: browsers no longer trust it.'],
  UNKNOWN: ['Unknown', 'warning', 'The revocation status could not be established: see the details below.'],
};

const REASONS = {
  UNSPECIFIED: 'no specific reason', KEY_COMPROMISE: 'the private key was compromised',
  AFFILIATION_CHANGED: 'the organisation or domain owner changed', SUPERSEDED: 'replaced by a newer certificate',
  CESSATION_OF_OPERATION: 'the site or service is closed',
};

export function reasonText(reason) {
  return REASONS[reason] || reason || '';
}

function fact(list, label, value, mono) {
  if (value === undefined || value === null || value === '') return;
  list.append(el('dt', null, label), el('dd', mono ? 'mono wrap-anywhere' : null, value));
}

function source(title, answer, className) {
  const box = el('div', `revocation-source ${className}`);
  box.append(el('h4', null, title));
  if (!answer) {
    box.append(el('p', 'meta', 'Not available for this certificate.'));
    return box;
  }
  const list = el('dl', 'facts');
  fact(list, 'Address', answer.url, true);
  fact(list, 'Answer', answer.status);
  fact(list, 'Produced', answer.thisUpdate && formatDate(answer.thisUpdate));
  fact(list, 'Next update', answer.nextUpdate && formatDate(answer.nextUpdate));
  fact(list, 'Error', answer.error);
  box.dataset.status = answer.status || '';
  box.append(list);
  if (answer.explanation) box.append(el('p', 'explanation', answer.explanation));
  return box;
}

export function renderRevocation(container, result) {
  container.replaceChildren();
  const [label, tone, meaning] = STATUS[result.status] || [result.status || 'Unknown', 'neutral', ''];
  const card = el('div', 'card revocation');
  const head = el('p', 'status-head');
  const badge = el('span', `badge ${tone}`, label);
  badge.id = container.id ? `${container.id}-status` : '';
  badge.dataset.status = result.status || '';
  head.append(badge, ' ', el('span', null, meaning));
  card.append(head);
  const list = el('dl', 'facts');
  fact(list, 'Serial number', result.serialNumber, true);
  fact(list, 'Subject', result.subject, true);
  fact(list, 'Issuer', result.issuer, true);
  fact(list, 'Revoked at', result.revokedAt && formatDate(result.revokedAt));
  fact(list, 'Reason', result.reason && reasonText(result.reason));
  card.append(list);
  const both = el('div', 'revocation-sources');
  both.append(source('OCSP responder', result.ocsp, 'ocsp'), source('Revocation list (CRL)', result.crl, 'crl'));
  card.append(both);
  if ((result.explanations || []).length) {
    card.append(el('h4', null, 'What this means'));
    const explanations = el('ul', 'explanations');
    for (const text of result.explanations) explanations.append(el('li', null, text));
    card.append(explanations);
  }
  container.append(card);
}
