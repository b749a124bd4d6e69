// The CaaS credentials page: the subscription's CA Reference in, EAB credentials (or why they are gone) out.
import { show } from './api.js';
import { reveal } from './caas-view.js';

const form = document.getElementById('caas-form');
const input = document.getElementById('caas-reference');
const error = document.getElementById('caas-error');
const button = document.getElementById('caas-submit');
const result = document.getElementById('caas-result');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const reference = input.value.trim();
  if (!reference) {
    show(error, 'Enter the CA Reference from the shipment notification e-mail of your CaaS order.');
    input.focus();
    return;
  }
  const shown = await reveal({ caReference: reference }, { container: result, errorElement: error, button });
  if (shown) input.value = '';
});
