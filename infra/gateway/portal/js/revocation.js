// The public revocation page: a pasted certificate (no credential needed) in, OCSP and CRL answers out.
import { postJson, show, showProblem } from './api.js';
import { $ } from './ui.js';
import { renderRevocation } from './revocation-view.js';

$('revocation-file').addEventListener('change', async () => {
  const file = $('revocation-file').files[0];
  if (!file) return;
  if (file.size > 65536) {
    show($('revocation-error'), 'This file is larger than a certificate chain can be (64 KiB).');
    return;
  }
  $('revocation-pem').value = await file.text();
  show($('revocation-error'), '');
});

$('revocation-pem').addEventListener('input', () => $('revocation-pem').removeAttribute('aria-invalid'));

$('revocation-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const certificatePem = $('revocation-pem').value.trim();
  const submit = $('revocation-submit');
  show($('revocation-error'), '');
  if (/PRIVATE KEY/.test(certificatePem)) {
    show($('revocation-error'), 'This is a private key, not a certificate. Keep it on your server and never share it; paste the certificate (BEGIN CERTIFICATE) instead.');
    $('revocation-pem').value = '';
    return;
  }
  if (!certificatePem.includes('BEGIN CERTIFICATE')) {
    show($('revocation-error'), 'Paste a certificate in PEM form, starting with -----BEGIN CERTIFICATE-----.');
    $('revocation-pem').setAttribute('aria-invalid', 'true');
    $('revocation-pem').focus();
    return;
  }
  submit.disabled = true;
  try {
    renderRevocation($('revocation-result'), await postJson('/api/tracking/checks/revocation', { certificatePem }));
  } catch (error) {
    $('revocation-result').replaceChildren();
    showProblem($('revocation-error'), error);
    $('revocation-pem').setAttribute('aria-invalid', 'true');
  } finally {
    submit.disabled = false;
  }
});
