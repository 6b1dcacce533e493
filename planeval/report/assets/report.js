(function(){
'use strict';
function q(root, sel){return Array.prototype.slice.call(root.querySelectorAll(sel));}
function section(el){return el.closest('section.report');}
function planOf(sec){return sec.querySelector('.planbox svg');}
function clearHl(sec){
  q(sec,'.pe-hl').forEach(function(x){x.classList.remove('pe-hl');});
  var svg=planOf(sec); if(svg) svg.classList.remove('pe-focus');
  sec.removeAttribute('data-focus');
}
function tr(sec,key,fallback){var info=sec.querySelector('.info'); return (info&&info.getAttribute('data-t-'+key))||fallback;}
function showInfo(sec,row){
  var info=sec.querySelector('.info'); if(!info) return;
  while(info.firstChild) info.removeChild(info.firstChild);
  function p(text,cls){var e=document.createElement('p'); if(cls) e.className=cls; e.textContent=text; info.appendChild(e); return e;}
  if(!row){p(tr(sec,'empty',''),'muted'); return;}
  var cells=row.cells, title=row.parentNode.getAttribute('data-title');
  p(cells[1].textContent+' · '+cells[0].textContent.replace('◎','').trim()+(cells[8].textContent?' · '+cells[8].textContent:''),'ic');
  if(title) p(title,'muted');
  var msg=cells[7].querySelector('.say'), hint=cells[7].querySelector('.hint');
  p(msg?msg.textContent:cells[7].textContent);
  if(cells[3].textContent!=='—'||cells[4].textContent!=='—') p(tr(sec,'measured','measured')+' '+cells[3].textContent+' · '+tr(sec,'required','required')+' '+cells[4].textContent+' · '+tr(sec,'margin','margin')+' '+cells[5].textContent+' '+cells[6].textContent);
  if(hint) p(hint.textContent,'ihint');
  if(!row.classList.contains('drawn')) p(tr(sec,'notdrawn','(not drawn on the plan)'),'muted');
}
// highlight the drawings of the findings `fids` and dim everything else on the plan (the rows filter the drawing)
function focus(sec, fids, row, opts){
  clearHl(sec);
  var svg=planOf(sec), drawn=[];
  fids.forEach(function(fid){
    var r=document.getElementById('row-'+fid); if(r) r.classList.add('pe-hl');
    if(!svg) return;
    q(svg,'[data-finding="'+fid+'"]').forEach(function(el){
      drawn.push(el); el.classList.add('pe-hl');
      var layer=el.closest('g.pe-layer');
      if(layer&&layer.style.display==='none'){
        var name=layer.getAttribute('data-layer');
        q(svg,'g.pe-overlay[data-layer="'+name+'"]').forEach(function(g){g.style.display='';});
        var box=sec.querySelector('input[data-layer-toggle="'+name+'"]'); if(box) box.checked=true;
      }
    });
  });
  if(svg&&drawn.length) svg.classList.add('pe-focus');
  sec.setAttribute('data-focus',fids.join(' '));
  showInfo(sec,row);
  if(opts&&opts.scrollPlan&&drawn.length){sec.querySelector('.planbox').scrollIntoView({block:'nearest',behavior:'smooth'});}
  if(opts&&opts.scrollRow&&row){row.scrollIntoView({block:'nearest',behavior:'smooth'});}
}
function highlight(fid, opts){
  var row=document.getElementById('row-'+fid); if(!row) return;
  var sec=section(row);
  if(opts&&opts.toggle&&sec.getAttribute('data-focus')===fid){clearHl(sec); showInfo(sec,null); return;}
  focus(sec,[fid],row,opts);
}
q(document,'tr.frow').forEach(function(row){
  function go(){highlight(row.getAttribute('data-finding'),{scrollPlan:true,toggle:true});}
  row.addEventListener('click',go);
  row.addEventListener('keydown',function(ev){if(ev.key==='Enter'||ev.key===' '){ev.preventDefault();go();}});
});
q(document,'tr.ghead').forEach(function(head){
  head.addEventListener('click',function(){
    var sec=section(head), rows=q(head.parentNode,'tr.frow:not(.hiddenrow)');
    var fids=rows.map(function(r){return r.getAttribute('data-finding');});
    if(sec.getAttribute('data-focus')===fids.join(' ')){clearHl(sec); showInfo(sec,null); return;}
    focus(sec,fids,null,{scrollPlan:true});
  });
});
document.addEventListener('keydown',function(ev){
  if(ev.key==='Escape') q(document,'section.report').forEach(function(sec){clearHl(sec); showInfo(sec,null);});
});
q(document,'section.report').forEach(function(sec){
  var svg=planOf(sec); if(!svg) return;
  var vb0=svg.getAttribute('viewBox').split(/\s+/).map(Number), vb=vb0.slice(), moved=false, drag=null;
  function setVb(){svg.setAttribute('viewBox',vb.map(function(v){return v.toFixed(1);}).join(' '));}
  function zoom(f,cx,cy){
    if(cx===undefined){cx=vb[0]+vb[2]/2; cy=vb[1]+vb[3]/2;}
    var w=Math.min(vb0[2]*2,Math.max(vb0[2]/40,vb[2]*f)), k=w/vb[2];
    vb=[cx-(cx-vb[0])*k, cy-(cy-vb[1])*k, vb[2]*k, vb[3]*k]; setVb();
  }
  function toSvg(ev){var r=svg.getBoundingClientRect(), s=Math.max(vb[2]/r.width,vb[3]/r.height);
    var ox=(r.width*s-vb[2])/2, oy=(r.height*s-vb[3])/2;
    return [vb[0]+(ev.clientX-r.left)*s-ox, vb[1]+(ev.clientY-r.top)*s-oy, s];}
  svg.addEventListener('wheel',function(ev){ev.preventDefault(); var p=toSvg(ev); zoom(ev.deltaY>0?1.2:1/1.2,p[0],p[1]);},{passive:false});
  svg.addEventListener('pointerdown',function(ev){if(ev.button!==0) return; drag=[ev.clientX,ev.clientY,vb[0],vb[1],toSvg(ev)[2]]; moved=false;});
  svg.addEventListener('pointermove',function(ev){if(!drag) return; var dx=ev.clientX-drag[0], dy=ev.clientY-drag[1];
    if(!moved&&Math.abs(dx)+Math.abs(dy)<4) return; if(!moved){svg.classList.add('dragging'); try{svg.setPointerCapture(ev.pointerId);}catch(e){}}
    moved=true; vb[0]=drag[2]-dx*drag[4]; vb[1]=drag[3]-dy*drag[4]; setVb();});
  function end(){drag=null; svg.classList.remove('dragging');}
  svg.addEventListener('pointerup',end); svg.addEventListener('pointercancel',end);
  svg.addEventListener('click',function(ev){
    if(moved){moved=false; return;}
    var el=ev.target.closest?ev.target.closest('[data-finding]'):null;
    if(el) highlight(el.getAttribute('data-finding'),{scrollRow:true,toggle:true});
    else if(sec.getAttribute('data-focus')){clearHl(sec); showInfo(sec,null);}
  });
  svg.addEventListener('dblclick',function(){vb=vb0.slice(); setVb();});
  q(sec,'button[data-zoom]').forEach(function(b){b.addEventListener('click',function(){
    var z=b.getAttribute('data-zoom'); if(z==='in') zoom(1/1.4); else if(z==='out') zoom(1.4); else {vb=vb0.slice(); setVb();}
  });});
  q(sec,'input[data-layer-toggle]').forEach(function(box){
    function apply(){q(svg,'g.pe-layer[data-layer="'+box.getAttribute('data-layer-toggle')+'"]').forEach(function(g){
      if(box.getAttribute('data-base')&&g.classList.contains('pe-overlay')) return;
      if(!box.getAttribute('data-base')&&!g.classList.contains('pe-overlay')) return;
      g.style.display=box.checked?'':'none';});}
    box.addEventListener('change',apply); apply();
  });
  q(sec,'input[data-passing-toggle]').forEach(function(box){
    function apply(){svg.classList.toggle('show-pass',box.checked);}
    box.addEventListener('change',apply); apply();
  });
  // the status chips filter the table rows and the drawing alike
  q(sec,'input[data-status-filter]').forEach(function(box){
    box.addEventListener('change',function(){
      var off={}; q(sec,'input[data-status-filter]').forEach(function(b){
        var st=b.getAttribute('data-status-filter'); if(!b.checked) off[st]=1; svg.classList.toggle('off-'+st,!b.checked);});
      q(sec,'tr.frow').forEach(function(r){r.classList.toggle('hiddenrow',!!off[r.getAttribute('data-status')]);});
      q(sec,'tbody.grp').forEach(function(tb){tb.classList.toggle('hiddenrow',!tb.querySelector('tr.frow:not(.hiddenrow)'));});
    });
  });
});
})();
