// vidferry dashboard. Everything a server or a user wrote reaches the page as text (textContent), never as markup;
// the only HTML inserted comes from the server's Qute templates through htmx.
(function () {
  'use strict';

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  function notify(text, kind) {
    var notice = document.getElementById('notice');
    if (!notice) {
      return;
    }
    notice.textContent = text;
    notice.className = 'notice' + (kind ? ' ' + kind : '');
    notice.hidden = false;
  }

  /** A problem+json body as one sentence: title, detail and the fields at fault. */
  function describeProblem(status, text) {
    var sentence = 'The request failed (HTTP ' + status + ')';
    try {
      var p = JSON.parse(text);
      sentence = (p.title || sentence) + (p.detail ? ': ' + p.detail : '');
      if (Array.isArray(p.errors) && p.errors.length) {
        sentence += ' (' + p.errors.map(function (e) { return e.field + ': ' + e.message; }).join('; ') + ')';
      }
    } catch (ignored) {
      // not JSON: keep the status line
    }
    return sentence;
  }

  function sessionExpired(status) {
    // 499: Quarkus' answer to a script whose session expired; sign in again with a full page load
    return status === 401 || status === 499;
  }

  /** fetch() of an /api/v1 operation with the session, the CSRF header and a JSON body. */
  function api(method, url, body) {
    var headers = { 'X-CSRF-Token': csrfToken(), 'X-Requested-With': 'XMLHttpRequest', 'Accept': 'application/json' };
    var init = { method: method, headers: headers, credentials: 'same-origin' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (response) {
      return response.text().then(function (text) {
        if (sessionExpired(response.status)) {
          window.location.reload();
        }
        if (!response.ok) {
          var error = new Error(describeProblem(response.status, text));
          error.status = response.status;
          throw error;
        }
        return text ? JSON.parse(text) : null;
      });
    });
  }

  // --- htmx: every request carries the CSRF header; results and failures are announced ---
  document.addEventListener('htmx:configRequest', function (event) {
    event.detail.headers['X-CSRF-Token'] = csrfToken();
    event.detail.headers['X-Requested-With'] = 'XMLHttpRequest';
  });
  document.addEventListener('htmx:responseError', function (event) {
    var xhr = event.detail.xhr;
    if (sessionExpired(xhr.status)) {
      window.location.reload();
      return;
    }
    notify(describeProblem(xhr.status, xhr.responseText), 'problem');
  });
  document.addEventListener('htmx:sendError', function () {
    notify('vidferry cannot be reached right now; try again in a moment.', 'problem');
  });
  document.addEventListener('htmx:afterRequest', function (event) {
    if (!event.detail.successful) {
      return;
    }
    var elt = event.detail.elt;
    var then = elt.getAttribute('data-then');
    if (then === 'reload') {
      window.location.reload();
    } else if (then === 'remove') {
      var row = elt.closest('.job');
      if (row) {
        row.remove();
      }
      notify('Job deleted.', 'ok');
    } else if (elt.classList.contains('cancel')) {
      notify(event.detail.xhr.status === 202 ? 'Stopping the upload…' : 'Job cancelled.', 'ok');
    } else if (elt.classList.contains('retry')) {
      notify('Job queued again.', 'ok');
    }
  });
  // a live event of a job this page does not list (added elsewhere, or on another page of the queue)
  document.addEventListener('htmx:oobErrorNoTarget', function () {
    var banner = document.getElementById('new-jobs');
    if (banner) {
      banner.hidden = false;
    }
  });

  // --- sign out: a POST with the CSRF header ---
  function wireSignOut() {
    var form = document.querySelector('form.signout');
    if (!form) {
      return;
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      fetch('/ui/logout', { method: 'POST', credentials: 'same-origin',
        headers: { 'X-CSRF-Token': csrfToken(), 'X-Requested-With': 'XMLHttpRequest' } })
        .then(function () { window.location.assign('/ui/signed-out'); });
    });
  }

  // --- folder upload: Preview (scan) and Add to queue (enqueue) ---
  function folderRequest(form) {
    var value = function (name) { return form.elements[name].value.trim(); };
    var checked = function (name) { return form.elements[name].checked; };
    var settings = {
      titleTemplate: value('titleTemplate'),
      descriptionTemplate: value('descriptionTemplate'),
      includeMd5Marker: checked('includeMd5Marker'),
      privacyStatus: value('privacyStatus'),
      categoryId: value('categoryId'),
      tags: value('tags') ? value('tags').split(',').map(function (t) { return t.trim(); })
        .filter(function (t) { return t; }) : [],
      madeForKids: checked('madeForKids'),
      notifySubscribers: checked('notifySubscribers')
    };
    if (value('playlistId')) {
      settings.playlistId = value('playlistId');
    }
    if (value('publishAt')) {
      settings.publishAt = new Date(value('publishAt')).toISOString();
    }
    var maxFiles = Number(value('maxFiles'));
    return {
      recursive: checked('recursive'),
      maxFiles: Number.isFinite(maxFiles) && value('maxFiles') !== '' ? maxFiles : value('maxFiles'),
      skipDuplicates: checked('skipDuplicates'),
      settings: settings
    };
  }

  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    row.appendChild(td);
    return td;
  }

  function humanSize(n) {
    if (typeof n !== 'number' || !isFinite(n)) {
      return '';
    }
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    var i = 0;
    while (n >= 1024 && i < units.length - 1) {
      n /= 1024;
      i++;
    }
    return (i === 0 ? String(n) : n.toFixed(1)) + ' ' + units[i];
  }

  function listOf(value) {
    if (Array.isArray(value)) {
      return value.map(function (w) { return typeof w === 'string' ? w : (w.message || w.code || JSON.stringify(w)); });
    }
    return value ? [String(value)] : [];
  }

  function showPreview(result) {
    var section = document.getElementById('preview');
    var videos = result.videos || result.items || result.files || [];
    var skipped = (result.skipped || []).slice();
    var queued = [];
    videos.forEach(function (v) {
      var reason = v.skipReason || v.wouldSkip || v.reason;
      if (reason) {
        skipped.push({ fileName: v.fileName || v.name, reason: reason });
      } else {
        queued.push(v);
      }
    });
    var body = section.querySelector('#preview-videos tbody');
    body.replaceChildren();
    queued.forEach(function (v) {
      var row = document.createElement('tr');
      cell(row, v.fileName || v.name);
      cell(row, v.folderPath || v.path);
      cell(row, humanSize(v.sizeBytes != null ? v.sizeBytes : v.size));
      cell(row, v.title || (v.metadata && v.metadata.title));
      cell(row, listOf(v.warnings || v.warning).concat(listOf(v.changes)).join('; '));
      body.appendChild(row);
    });
    var skippedBody = section.querySelector('#preview-skipped tbody');
    skippedBody.replaceChildren();
    skipped.forEach(function (s) {
      var row = document.createElement('tr');
      cell(row, s.fileName || s.name || s.fileId);
      cell(row, s.reason);
      skippedBody.appendChild(row);
    });
    document.getElementById('preview-summary').textContent = queued.length + ' video(s) would be queued, '
      + skipped.length + ' skipped.' + (listOf(result.warnings).length ? ' ' + listOf(result.warnings).join(' ') : '');
    section.hidden = false;
  }

  function wireFolderForm() {
    var form = document.getElementById('folder-form');
    if (!form) {
      return;
    }
    var folder = form.getAttribute('data-folder');
    var busy = function (on) {
      form.querySelectorAll('button').forEach(function (b) { b.disabled = on; });
      form.setAttribute('aria-busy', on ? 'true' : 'false');
    };
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var action = event.submitter && event.submitter.value === 'enqueue' ? 'enqueue' : 'scan';
      busy(true);
      notify(action === 'scan' ? 'Scanning the folder…' : 'Adding the videos to the queue…');
      api('POST', '/api/v1/folders/' + encodeURIComponent(folder) + '/' + action, folderRequest(form))
        .then(function (result) {
          if (action === 'scan') {
            showPreview(result);
            notify('Preview ready.', 'ok');
          } else {
            notify(result.addedCount + ' video(s) added, ' + result.skippedCount + ' skipped.', 'ok');
            window.location.assign('/ui/queue?batchId=' + encodeURIComponent(result.batchId));
          }
        })
        .catch(function (error) { notify(error.message, 'problem'); })
        .finally(function () { busy(false); });
    });
  }

  // --- saved syncs: listed when the server has them; run now, enable or disable, runs, delete ---
  function button(text, onClick, className) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    if (className) {
      b.className = className;
    }
    b.addEventListener('click', onClick);
    return b;
  }

  function showRuns(sync) {
    var panel = document.getElementById('sync-runs');
    var body = panel.querySelector('tbody');
    api('GET', '/api/v1/syncs/' + encodeURIComponent(sync.id) + '/runs').then(function (page) {
      body.replaceChildren();
      (page.items || []).forEach(function (run) {
        var row = document.createElement('tr');
        cell(row, run.requestedAt || run.startedAt);
        cell(row, run.trigger);
        cell(row, run.status + (run.mode ? ' (' + run.mode + ')' : ''));
        cell(row, run.added);
        cell(row, run.skipped);
        cell(row, run.error || listOf(run.warnings).join('; '));
        body.appendChild(row);
      });
      document.getElementById('sync-runs-title').textContent = 'Runs of ' + sync.name;
      panel.hidden = false;
    }).catch(function (error) { notify(error.message, 'problem'); });
  }

  function wireSyncs() {
    var section = document.getElementById('syncs');
    if (!section) {
      return;
    }
    var status = document.getElementById('syncs-status');
    var table = document.getElementById('syncs-table');
    var load = function () {
      api('GET', section.getAttribute('data-endpoint')).then(function (result) {
        var items = (result && result.items) || [];
        var body = table.querySelector('tbody');
        body.replaceChildren();
        items.forEach(function (s) {
          var row = document.createElement('tr');
          cell(row, s.name);
          cell(row, s.folderId + (s.recursive ? ' (with subfolders)' : ''));
          cell(row, (s.cron || '') + (s.timezone ? ' ' + s.timezone : ''));
          cell(row, s.enabled ? 'yes' : 'no');
          cell(row, s.nextRunAt || '');
          cell(row, s.lastRunAt || 'never');
          var actions = cell(row, '');
          actions.className = 'actions';
          actions.appendChild(button('Run now', function () {
            api('POST', '/api/v1/syncs/' + encodeURIComponent(s.id) + '/run', {})
              .then(function () { notify('Sync "' + s.name + '" started.', 'ok'); })
              .catch(function (error) { notify(error.message, 'problem'); });
          }));
          actions.appendChild(button(s.enabled ? 'Disable' : 'Enable', function () {
            api('PATCH', '/api/v1/syncs/' + encodeURIComponent(s.id), { enabled: !s.enabled })
              .then(load).catch(function (error) { notify(error.message, 'problem'); });
          }));
          actions.appendChild(button('Runs', function () { showRuns(s); }));
          actions.appendChild(button('Delete', function () {
            if (window.confirm('Delete the sync "' + s.name + '"?')) {
              api('DELETE', '/api/v1/syncs/' + encodeURIComponent(s.id))
                .then(load).catch(function (error) { notify(error.message, 'problem'); });
            }
          }, 'danger'));
          body.appendChild(row);
        });
        status.textContent = items.length ? items.length + ' saved sync(s).'
          : 'No saved syncs yet: save one from a folder\u2019s upload page.';
        table.hidden = items.length === 0;
      }).catch(function (error) {
        status.textContent = error.status === 404 || error.status === 405
          ? 'Saved syncs are not available on this server.'
          : error.message;
      });
    };
    load();
  }

  // --- the folder page: save its settings as a scheduled sync ---
  function wireSaveSync() {
    var form = document.getElementById('folder-form');
    var save = document.getElementById('save-sync-button');
    if (!form || !save) {
      return;
    }
    var zone = document.getElementById('sync-timezone');
    if (zone && !zone.value) {
      zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    }
    save.addEventListener('click', function () {
      var request = folderRequest(form);
      var body = {
        name: document.getElementById('sync-name').value.trim(),
        folderId: form.getAttribute('data-folder'),
        recursive: request.recursive,
        cron: document.getElementById('sync-cron').value.trim(),
        timezone: zone.value.trim(),
        maxFilesPerRun: request.maxFiles,
        settings: request.settings,
        enabled: true
      };
      api('POST', '/api/v1/syncs', body)
        .then(function () { window.location.assign('/ui/syncs'); })
        .catch(function (error) { notify(error.message, 'problem'); });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    wireSignOut();
    wireFolderForm();
    wireSyncs();
    wireSaveSync();
  });
}());
