// A simple order form: one certificate line and optionally a CaaS line, sent as one order.
import { describe, postJson, productName, show } from './api.js';

const $ = (id) => document.getElementById(id);

// Field names in problem errors[] (lines[0].domains[1]) mapped to the form control that holds them.
const CONTROLS = {
  'customer.name': 'customer-name', 'customer.email': 'customer-email',
  'customer.organisation': 'customer-organisation', 'lines[0].product': 'product', 'lines[0].domains': 'domains',
  'lines[0].dcvMethod': 'dcv-method', 'lines[0].csr': 'order-csr', 'lines[1].term': 'caas-term',
};

function controlOf(field) {
  const base = field.replace(/\[\d+\]$/, '').replace(/^(lines\[0\]\.domains)\[\d+\]$/, '$1');
  return CONTROLS[field] || CONTROLS[base];
}

function labelOf(controlId) {
  const label = document.querySelector(`label[for="${controlId}"]`);
  return label ? label.firstChild.textContent.trim() : controlId;
}

function request() {
  const lines = [];
  const product = $('product').value;
  if (product) {
    const line = {
      product,
      domains: $('domains').value.split(/[\s,]+/).map((d) => d.trim()).filter(Boolean),
      dcvMethod: $('dcv-method').value,
    };
    const csr = $('order-csr').value.trim();
    if (csr) line.csr = csr;
    lines.push(line);
  }
  if ($('caas').checked) lines.push({ product: 'CAAS', term: Number($('caas-term').value) });
  const organisation = $('customer-organisation').value.trim();
  return {
    customer: { name: $('customer-name').value.trim(), email: $('customer-email').value.trim(), ...(organisation ? { organisation } : {}) },
    lines,
  };
}

function clearInvalid() {
  document.querySelectorAll('[aria-invalid="true"]').forEach((node) => node.removeAttribute('aria-invalid'));
}

// One key per filled-in form, so a double click or a retry after a timeout places the order once.
const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);
let idempotencyKey = newKey();
$('order-form').addEventListener('input', () => { idempotencyKey = newKey(); });

$('order-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearInvalid();
  show($('order-error'), '');
  const body = request();
  if (body.lines.length === 0) {
    show($('order-error'), 'Choose a certificate or add a CaaS subscription.');
    return;
  }
  const button = $('order-submit');
  button.disabled = true;
  try {
    const response = await fetch('/api/orders', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': idempotencyKey },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      const problem = (response.headers.get('Content-Type') || '').includes('json') ? await response.json() : {};
      const errors = Array.isArray(problem.errors) ? problem.errors : [];
      if (errors.length) {
        const lines = errors.map((e) => {
          const control = controlOf(e.field);
          if (control) $(control).setAttribute('aria-invalid', 'true');
          return `${control ? labelOf(control) : e.field}: ${e.message}`;
        });
        show($('order-error'), `Please correct the order. ${lines.join(' · ')}`);
        const first = document.querySelector('[aria-invalid="true"]');
        if (first) first.focus();
      } else {
        show($('order-error'), problem.detail || problem.title || `The order could not be placed (${response.status}).`);
      }
      return;
    }
    const order = await response.json();
    $('order-number').textContent = order.orderNumber;
    const list = $('order-lines');
    list.replaceChildren();
    for (const line of order.lines || []) {
      const item = document.createElement('li');
      item.textContent = productName(line.product) + (line.domains ? `: ${line.domains.join(', ')}` : '');
      list.append(item);
    }
    $('order-form').hidden = true;
    $('order-result').hidden = false;
    $('order-result-title').focus();
  } catch (error) {
    show($('order-error'), describe(error));
  } finally {
    button.disabled = false;
  }
});

$('order-csr-file').addEventListener('change', async () => {
  const file = $('order-csr-file').files[0];
  if (file && file.size <= 16384) $('order-csr').value = await file.text();
});
