/**
 * The signature pad's script: pointer events (finger, pen or mouse) draw on a canvas with a white
 * background; on submit the drawing goes into the form as a PNG data URL. No library: it is
 * thirty lines, and the page must stay light on a site with one bar of signal. Its one sentence
 * comes with the page, in the page's language (the canvas's `data-sign-first`).
 */
export const SIGN_JS = `(function(){
var c=document.getElementById('pad'),f=document.getElementById('signform'),out=document.getElementById('png'),msg=document.getElementById('padmsg');
if(!c||!f)return;var g=c.getContext('2d'),down=false,drawn=false;
function reset(){var r=c.getBoundingClientRect(),d=window.devicePixelRatio||1;c.width=Math.round(r.width*d);c.height=Math.round(r.height*d);g.setTransform(d,0,0,d,0,0);g.fillStyle='#fff';g.fillRect(0,0,r.width,r.height);g.lineWidth=2.5;g.lineCap='round';g.lineJoin='round';g.strokeStyle='#111';drawn=false;}
reset();
function pt(e){var r=c.getBoundingClientRect();return[e.clientX-r.left,e.clientY-r.top];}
c.addEventListener('pointerdown',function(e){down=true;if(c.setPointerCapture)c.setPointerCapture(e.pointerId);var p=pt(e);g.beginPath();g.moveTo(p[0],p[1]);e.preventDefault();});
c.addEventListener('pointermove',function(e){if(!down)return;var p=pt(e);g.lineTo(p[0],p[1]);g.stroke();drawn=true;msg.textContent='';});
['pointerup','pointercancel','pointerleave'].forEach(function(t){c.addEventListener(t,function(){down=false;});});
document.getElementById('clear').addEventListener('click',reset);
f.addEventListener('submit',function(e){if(!drawn){e.preventDefault();msg.textContent=c.getAttribute('data-sign-first');c.focus();return;}out.value=c.toDataURL('image/png');});
})();`;
