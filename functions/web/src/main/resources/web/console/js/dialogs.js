// The confirmation dialog (a native <dialog>: focus stays inside, Escape answers no).
import { $ } from './dom.js';

export function confirmDialog({ title, message, yes, no }) {
  const dialog = $('#confirm-dialog');
  $('#confirm-title').textContent = title;
  $('#confirm-message').textContent = message;
  $('#confirm-yes').textContent = yes;
  $('#confirm-no').textContent = no;
  return new Promise((resolve) => {
    const finish = (answer) => (e) => {
      e.preventDefault();
      $('#confirm-yes').removeEventListener('click', onYes);
      $('#confirm-no').removeEventListener('click', onNo);
      dialog.removeEventListener('cancel', onNo);
      dialog.close();
      resolve(answer);
    };
    const onYes = finish(true);
    const onNo = finish(false);
    $('#confirm-yes').addEventListener('click', onYes);
    $('#confirm-no').addEventListener('click', onNo);
    dialog.addEventListener('cancel', onNo);
    dialog.showModal();
    $('#confirm-no').focus();
  });
}

