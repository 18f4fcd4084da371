/**
 * The offline checklist's scripts. The service worker answers the checklist pages and this script
 * from its cache when the network fails (network first, so a page online is always fresh). The
 * page script keeps every tick, reading, photo, timer, arrival and end of work in IndexedDB with the instant it happened
 * and sends the queue as one batch whenever the phone is online; what the server refuses is shown
 * with its reason and kept until dismissed. A button that is pressed and then disabled hands the
 * keyboard focus on (to the next step that can be done, or the other timer button), so focus is never lost.
 * Its words come with the page (`t` in the page's data, from the catalog, in the technician's
 * language). The service worker has no words of its own: what it shows offline for a checklist
 * never opened on the phone is a page the checklist stores in the cache under OFFLINE_KEY, fetched
 * in the page's language (`offline` in the page's data); with none stored, the browser's own
 * offline error.
 */
export const FIELD_CACHE = 'contract-ops-field-v1';
export const OFFLINE_KEY = '/f/offline';

export const SW_JS = `var C='${FIELD_CACHE}';
self.addEventListener('install',function(){self.skipWaiting();});
self.addEventListener('activate',function(e){e.waitUntil(self.clients.claim());});
self.addEventListener('fetch',function(e){var r=e.request,u=new URL(r.url);
if(r.method!=='GET'||u.origin!==location.origin||!(u.pathname.indexOf('/f/check/')===0||u.pathname==='/f/check.js'))return;
e.respondWith(fetch(r).then(function(res){if(res.ok){var copy=res.clone();caches.open(C).then(function(c){c.put(r,copy);});}return res;}).catch(function(){return caches.match(r).then(function(hit){if(hit)return hit;if(r.mode!=='navigate')return Response.error();return caches.match('${OFFLINE_KEY}').then(function(o){return o?new Response(o.body,{status:503,headers:o.headers}):Response.error();});});}));});`;

export const CHECK_JS = `(function(){
var D=JSON.parse(document.getElementById('field-data').textContent),Q=null,dbp=null;
var $=function(s,el){return (el||document).querySelector(s);},$$=function(s){return Array.prototype.slice.call(document.querySelectorAll(s));};
function say(t){$('#net').textContent=t;}
function L(k,v){var s=D.t[k];for(var n in v||{})s=s.split('{'+n+'}').join(v[n]);return s;}
function P(k,n){var f=D.t[k],c=new Intl.PluralRules(document.documentElement.lang).select(n);return (f[c]||f.other).split('{n}').join(n);}
function uid(){return (self.crypto&&crypto.randomUUID)?crypto.randomUUID():(Date.now().toString(36)+'-'+Math.random().toString(36).slice(2,12));}
function db(){if(!dbp)dbp=new Promise(function(ok,ko){var o=indexedDB.open('contract-ops-field',1);o.onupgradeneeded=function(){o.result.createObjectStore('queue',{keyPath:'id'});o.result.createObjectStore('refused',{keyPath:'id'});};o.onsuccess=function(){ok(o.result);};o.onerror=function(){ko(o.error);};});return dbp;}
function tx(store,mode,fn){return db().then(function(d){return new Promise(function(ok,ko){var t=d.transaction(store,mode),s=t.objectStore(store),out=fn(s);t.oncomplete=function(){ok(out&&out.result!==undefined?out.result:undefined);};t.onerror=function(){ko(t.error);};});});}
function all(store){return tx(store,'readonly',function(s){return s.getAll();}).then(function(l){return (l||[]).filter(function(i){return i.job===D.job;});});}
function put(store,v){return tx(store,'readwrite',function(s){s.put(v);});}
function del(store,id){return tx(store,'readwrite',function(s){s.delete(id);});}
function hm(iso){var d=new Date(iso);return ('0'+d.getHours()).slice(-2)+':'+('0'+d.getMinutes()).slice(-2);}
function key(code,index){return code+'#'+index;}
function render(queue){
var done={};D.steps.forEach(function(s){if(s.done)done[key(s.code,s.index)]=true;});
var waiting={};queue.forEach(function(i){if(i.kind==='tick'){done[key(i.code,i.step-1)]=true;waiting[key(i.code,i.step-1)]=i;}});
D.steps.forEach(function(s){var li=document.getElementById('s-'+s.code+'-'+s.number);if(!li)return;var k=key(s.code,s.index),st=$('.state',li),b=$('button.tick',li);
var blocked=D.steps.some(function(o){return o.code===s.code&&o.index<s.index&&(o.required||o.safety)&&!done[key(o.code,o.index)];});
if(s.done){st.textContent=L('done-state',{what:s.doneText});}else if(waiting[k]){st.textContent=L('saved-at',{at:hm(waiting[k].at)});}else if(blocked){st.textContent=L('blocked');}else{st.textContent='';}
if(b){b.disabled=!!(s.done||waiting[k]||blocked);}$$('#s-'+s.code+'-'+s.number+' input').forEach(function(x){x.disabled=!!(s.done||waiting[k]||blocked);});});
var vs={};queue.forEach(function(i){if(i.kind==='status')vs[i.to]=i;});var arrived=D.status==='on_site'||D.status==='resolved'||D.status==='closed',done=D.status==='resolved'||D.status==='closed';
$('#visit-state').textContent=vs.resolved?L('done-at',{at:hm(vs.resolved.at)}):done?L('work-done'):vs.on_site?L('arrived-at',{at:hm(vs.on_site.at)}):arrived?L('on-site'):L('not-on-site');
$('#arrived').disabled=!!(arrived||vs.on_site||vs.resolved);$('#resolved').disabled=!!(done||vs.resolved);
var n=queue.length;$('#queued').textContent=n?P('queued',n):L('nothing-queued');}
function refresh(){return all('queue').then(function(q){q.sort(function(a,b){return a.seq-b.seq;});render(q);return q;});}
function showRefused(){return all('refused').then(function(r){var box=$('#refused');box.hidden=!r.length;var ul=$('#refused ul');ul.textContent='';r.forEach(function(i){var li=document.createElement('li');li.textContent=L('refused',{text:i.text,why:i.why});ul.appendChild(li);});});}
var seq=Date.now();
function queue(item,then){item.id=uid();item.job=D.job;item.seq=seq++;return put('queue',item).then(refresh).then(function(){say(L('saved'));if(then)then();return flush();});}
function focusAfter(li){var l=$$('li.step');for(var i=l.indexOf(li)+1;i<l.length;i++){var c=Array.prototype.slice.call(l[i].querySelectorAll('input,button.tick,a')).filter(function(x){return !x.disabled;})[0];if(c){c.focus();return;}}$('#timer-code').focus();}
var sending=false;
function flush(){if(sending||!navigator.onLine)return Promise.resolve();return all('queue').then(function(q){if(!q.length)return;sending=true;q.sort(function(a,b){return a.seq-b.seq;});
var fd=new FormData();fd.append('csrf',D.csrf);var items=q.map(function(i){var o={id:i.id,kind:i.kind};['code','step','stepText','at','reading','start','end','note','to'].forEach(function(k){if(i[k]!==undefined&&i[k]!=='')o[k]=i[k];});if(i.photo){o.photo='photo-'+i.id;fd.append(o.photo,i.photo,i.photoName||'photo.jpg');}return o;});
fd.append('batch',JSON.stringify({items:items}));say(L('sending',{n:items.length}));
return fetch(D.sync,{method:'POST',body:fd,credentials:'same-origin'}).then(function(res){if(!res.ok&&res.status!==200)throw new Error(String(res.status));return res.json();}).then(function(out){var p=Promise.resolve();out.results.forEach(function(r){var it=q.find(function(i){return i.id===r.id;});p=p.then(function(){return del('queue',r.id);}).then(function(){if(r.status==='refused')return put('refused',{id:r.id,job:D.job,text:r.text,why:r.why});if(it&&it.kind==='status'&&r.status!=='refused'){D.status=it.to;}if(it&&it.kind==='tick'){D.steps.forEach(function(s){if(s.code===it.code&&s.number===it.step){s.done=true;s.doneText=L('sent-at',{time:hm(it.at)});}});}});});
return p.then(function(){var bad=out.results.filter(function(r){return r.status==='refused';}).length;var ok=P('sent',out.results.length-bad);say(bad?ok+' '+P('not-applied',bad):ok);});}).catch(function(e){say(L('not-sent',{error:e&&e.message||e}));}).then(function(){sending=false;return refresh().then(showRefused);});});}
$$('li.step').forEach(function(li){var b=$('button.tick',li);if(!b)return;b.addEventListener('click',function(){var s=D.steps.filter(function(x){return 'tick-'+x.code+'-'+x.number===b.id;})[0];var item={kind:'tick',code:s.code,step:s.number,stepText:s.step,at:new Date().toISOString()};
if(s.proof==='reading'){var r=$('input[type=text]',li);if(!/^[-+]?\\d/.test(r.value.trim())){say(L('reading-first'));r.focus();return;}item.reading=r.value.trim();}
if(s.proof==='photo'){var f=$('input[type=file]',li);if(!f.files||!f.files[0]){say(L('photo-first'));f.focus();return;}item.photo=f.files[0];item.photoName=f.files[0].name;}
queue(item,function(){focusAfter(li);});});});
var T='field-timer-'+D.job;function timer(){var t=localStorage.getItem(T);$('#timer-state').textContent=t?L('running',{at:hm(t)}):L('not-running');$('#timer-start').disabled=!!t;$('#timer-stop').disabled=!t;}
$('#timer-start').addEventListener('click',function(){localStorage.setItem(T,new Date().toISOString());timer();$('#timer-stop').focus();});
$('#timer-stop').addEventListener('click',function(){var s=localStorage.getItem(T);if(!s)return;localStorage.removeItem(T);timer();queue({kind:'time',code:$('#timer-code').value,start:s,end:new Date().toISOString(),note:$('#timer-note').value.trim()},function(){$('#timer-start').focus();});});
$('#arrived').addEventListener('click',function(){queue({kind:'status',to:'on_site',at:new Date().toISOString()},function(){$('#resolved').focus();});});
$('#resolved').addEventListener('click',function(){queue({kind:'status',to:'resolved',at:new Date().toISOString()},function(){$('#net').focus();});});
$('#dismiss').addEventListener('click',function(){all('refused').then(function(r){return Promise.all(r.map(function(i){return del('refused',i.id);}));}).then(showRefused).then(function(){$('#net').focus();});});
window.addEventListener('online',function(){say(L('back-online'));flush();});window.addEventListener('offline',function(){say(L('offline'));});
if('serviceWorker' in navigator){navigator.serviceWorker.register('/f/sw.js',{scope:'/f/'}).then(function(){return navigator.serviceWorker.ready;}).then(function(){return caches.open('${FIELD_CACHE}');}).then(function(c){return c.addAll([location.href,'/f/check.js']).then(function(){return fetch(D.offline);}).then(function(res){if(!res.ok)throw new Error(String(res.status));return c.put('${OFFLINE_KEY}',res);});}).then(function(){document.documentElement.setAttribute('data-offline-ready','1');}).catch(function(){});}
timer();refresh().then(showRefused).then(flush);say(navigator.onLine?L('online'):L('offline'));
})();`;
