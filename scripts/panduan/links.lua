-- For the guide as one PDF (scripts/panduan/build-pdf.sh):
-- * links between the guide's Markdown pages (and to the repository's docs)
--   mean nothing inside the one PDF: keep their words, drop the target; web
--   addresses stay links;
-- * pictures get a width on the A4 page (16 cm of text): dialogs at about
--   their size on a screen, the notice band across the text.
local widths = {
  ["keterangan.png"] = "16cm",
  ["spesimen.png"] = "7.5cm",
  ["laporan-pemanfaatan.png"] = "12cm",
  ["laporan-verifikasi.png"] = "12cm",
}

function Link(el)
  if not el.target:match('^%a+://') then
    return el.content
  end
end

function Image(el)
  local name = el.src:match('([^/]+)$')
  el.attributes.width = widths[name] or (name:match('^file%-menu') and '12cm') or '11cm'
  return el
end
