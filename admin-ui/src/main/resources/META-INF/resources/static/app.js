// Small progressive enhancements; every page works without them except drag and drop.
(function () {
  'use strict';

  function csrf() {
    var el = document.querySelector('input[name="_csrf"]');
    return el ? el.value : '';
  }

  document.addEventListener('htmx:configRequest', function (e) {
    e.detail.headers['X-CSRF-Token'] = csrf();
  });

  // Confirmation before destructive actions.
  document.addEventListener('submit', function (e) {
    var form = e.target;
    var submitter = e.submitter;
    var message = (submitter && submitter.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
      e.preventDefault();
      return;
    }
    var busy = form.querySelector('[data-busy]');
    if (busy) { busy.textContent = busy.getAttribute('data-busy'); }
  });

  // Login tabs.
  document.querySelectorAll('[data-tab]').forEach(function (tab) {
    tab.addEventListener('click', function (e) {
      e.preventDefault();
      document.querySelectorAll('[data-tab]').forEach(function (t) { t.classList.remove('on'); });
      document.querySelectorAll('.tab-panel').forEach(function (p) { p.classList.add('hidden'); });
      tab.classList.add('on');
      document.getElementById(tab.getAttribute('data-tab')).classList.remove('hidden');
    });
  });

  // Copy buttons.
  document.querySelectorAll('[data-copy]').forEach(function (btn) {
    btn.addEventListener('click', function () {
      var text = document.getElementById(btn.getAttribute('data-copy')).textContent.trim();
      if (navigator.clipboard) { navigator.clipboard.writeText(text); }
      btn.textContent = 'Copied';
    });
  });

  // Select-all checkbox of the task list.
  document.querySelectorAll('[data-select-all]').forEach(function (box) {
    box.addEventListener('change', function () {
      document.querySelectorAll('input[name="' + box.getAttribute('data-select-all') + '"]')
        .forEach(function (c) { c.checked = box.checked; });
    });
  });

  // Repeated rows: a <template data-row-template="x"> cloned by a [data-add-row="x"] button.
  document.querySelectorAll('[data-add-row]').forEach(function (btn) {
    btn.addEventListener('click', function () {
      var name = btn.getAttribute('data-add-row');
      var tpl = document.querySelector('template[data-row-template="' + name + '"]');
      document.getElementById(name).appendChild(tpl.content.cloneNode(true));
    });
  });
  document.addEventListener('click', function (e) {
    var remove = e.target.closest('[data-remove-row]');
    if (remove) { e.preventDefault(); remove.closest('[data-row]').remove(); }
  });

  // Failover order: drag and drop, plus up/down buttons for keyboards and touch screens.
  document.querySelectorAll('ol.order').forEach(function (list) {
    var dragged = null;
    list.addEventListener('dragstart', function (e) {
      dragged = e.target.closest('li');
      if (!dragged) { return; }
      dragged.classList.add('dragging');
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', dragged.getAttribute('data-id') || '');
    });
    list.addEventListener('dragend', function () {
      if (dragged) { dragged.classList.remove('dragging'); }
      dragged = null;
    });
    list.addEventListener('dragover', function (e) {
      if (!dragged) { return; }
      e.preventDefault();
      var over = e.target.closest('li');
      if (!over || over === dragged) { return; }
      var box = over.getBoundingClientRect();
      var after = e.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? over.nextSibling : over);
    });
    list.addEventListener('drop', function (e) { e.preventDefault(); });
    list.addEventListener('click', function (e) {
      var btn = e.target.closest('[data-move]');
      if (!btn) { return; }
      e.preventDefault();
      var li = btn.closest('li');
      if (btn.getAttribute('data-move') === 'up' && li.previousElementSibling) {
        list.insertBefore(li, li.previousElementSibling);
      } else if (btn.getAttribute('data-move') === 'down' && li.nextElementSibling) {
        list.insertBefore(li.nextElementSibling, li);
      } else if (btn.getAttribute('data-move') === 'remove') {
        li.remove();
      }
      btn.focus();
    });
  });

  // Adding a resource to the failover list from the select (built with the DOM, never innerHTML).
  document.querySelectorAll('[data-add-resource]').forEach(function (btn) {
    btn.addEventListener('click', function (e) {
      e.preventDefault();
      var select = document.getElementById(btn.getAttribute('data-add-resource'));
      var option = select.options[select.selectedIndex];
      if (!option || !option.value) { return; }
      var list = document.getElementById(btn.getAttribute('data-list'));
      if (list.querySelector('li[data-id="' + option.value + '"]')) { return; }
      var tpl = document.querySelector('template[data-row-template="resource-row"]');
      var li = tpl.content.firstElementChild.cloneNode(true);
      li.setAttribute('data-id', option.value);
      li.querySelector('.name').textContent = option.textContent;
      li.querySelector('input').value = option.value;
      list.appendChild(li);
    });
  });
})();
