' The LibreOffice path, measured in one warm soffice (bench/office/run.sh):
' for Writer documents of 1, 10 and 100 pages (text; a table and an image
' every 10 pages), with the default 2 cm bottom margin and with 1.5 cm:
' plain export, PDF/A-2b export, LibreOffice's own signed export, and
' id.bsresign.Signer invisible without band, and with band + visible; and
' on the same document with two Signature Lines added: its PDF/A-2b export
' and ours (band + visible, the holder's line signed). Rounds rotate the
' order; each line of the result file is "pages margin what milliseconds".
' With BSRE_STEP_TIMES set, the extension appends its step times to that
' file; a line "# pages margin what" before each of our calls says whose. With BSRE_BENCH_MODE=batch: several
' files through signFiles instead (bench/office/batch.sh). A benchmark: it
' never fails a build.
Function MakeDoc(pages As Integer, marginMm As Integer) As Object
    Dim args(0) As New com.sun.star.beans.PropertyValue
    args(0).Name = "Hidden" : args(0).Value = True
    Dim doc As Object
    doc = StarDesktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, args())
    doc.StyleFamilies.getByName("PageStyles").getByName("Standard").BottomMargin = marginMm * 100
    Dim text As Object, cur As Object, p As Integer, k As Integer
    text = doc.Text
    cur = text.createTextCursor()
    For p = 1 To pages
        If p > 1 Then
            cur.BreakType = com.sun.star.style.BreakType.PAGE_BEFORE
        End If
        For k = 1 To 6
            text.insertString(cur, "Halaman " & p & ". Dalam rangka mendukung penerapan Sistem Pemerintahan Berbasis " & _
                "Elektronik, bersama ini kami sampaikan bahwa nota dinas di lingkungan Kementerian Contoh akan " & _
                "ditandatangani secara elektronik menggunakan sertifikat elektronik.", False)
            text.insertControlCharacter(cur, com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK, False)
            cur.BreakType = com.sun.star.style.BreakType.NONE
        Next k
        If p Mod 10 = 1 Then
            Dim tbl As Object
            tbl = doc.createInstance("com.sun.star.text.TextTable")
            tbl.initialize(4, 3)
            text.insertTextContent(cur, tbl, False)
            Dim img As Object
            img = doc.createInstance("com.sun.star.text.TextGraphicObject")
            img.GraphicURL = ConvertToURL(Environ("BSRE_BENCH_IMAGE"))
            img.Width = 3000 : img.Height = 3000
            text.insertTextContent(cur, img, False)
            text.insertControlCharacter(cur, com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK, False)
        End If
    Next p
    MakeDoc = doc
End Function

' Two Signature Lines at the end of the last page, made as Insert >
' Signature Line makes them (tests/data/siglines/README.md).
Sub AddSignatureLines(doc As Object)
    Dim gp As Object, g As Object, k As Integer
    gp = CreateUnoService("com.sun.star.graphic.GraphicProvider")
    Dim ga(0) As New com.sun.star.beans.PropertyValue
    ga(0).Name = "URL" : ga(0).Value = ConvertToURL(Environ("BSRE_BENCH_LINE_SVG"))
    g = gp.queryGraphic(ga())
    Dim names(1) As String : names(0) = "Andi Wijaya" : names(1) = Environ("BSRE_BENCH_SIGNER")
    Dim cur As Object
    cur = doc.Text.createTextCursor()
    cur.gotoEnd(False)
    For k = 0 To 1
        Dim sh As Object, sz As New com.sun.star.awt.Size
        sh = doc.createInstance("com.sun.star.drawing.GraphicObjectShape")
        sz.Width = 6000 : sz.Height = 3000
        sh.AnchorType = com.sun.star.text.TextContentAnchorType.AT_PARAGRAPH
        doc.Text.insertTextContent(cur, sh, False)
        sh.Size = sz
        sh.Graphic = g
        sh.SignatureLineUnsignedImage = g
        sh.IsSignatureLine = True
        sh.SignatureLineId = "{BENCH-LINE-" & k & "}"
        sh.SignatureLineSuggestedSignerName = names(k)
        sh.SignatureLineSuggestedSignerTitle = "Kepala Kantor"
        sh.SignatureLineShowSignDate = True
        doc.Text.insertControlCharacter(cur, com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK, False)
    Next k
End Sub

Sub Mark(pages As Integer, marginMm As Integer, what As Integer)
    If Environ("BSRE_STEP_TIMES") = "" Then Exit Sub
    Dim f As Integer
    f = FreeFile
    Open Environ("BSRE_STEP_TIMES") For Append As #f
    Print #f, "# " & pages & " " & marginMm & " " & what
    Close #f
End Sub

Function PersonalCertificate() As Object
    Dim init As Object, ctx As Object, env As Object, certs
    init = CreateUnoService("com.sun.star.xml.crypto.SEInitializer")
    ctx = init.createSecurityContext("")
    env = ctx.getSecurityEnvironment()
    certs = env.getPersonalCertificates()
    Dim i As Integer
    For i = LBound(certs) To UBound(certs)
        If InStr(certs(i).SubjectName, Environ("BSRE_BENCH_SIGNER")) > 0 Then PersonalCertificate = certs(i)
    Next i
End Function

Function Export(doc As Object, url As String, pdfA As Boolean, cert As Object) As Long
    Dim fd(1) As New com.sun.star.beans.PropertyValue
    fd(0).Name = "SelectPdfVersion" : fd(0).Value = IIf(pdfA, 2, 0)
    If Not IsNull(cert) Then
        ReDim Preserve fd(3) As New com.sun.star.beans.PropertyValue
        fd(1).Name = "SignPDF" : fd(1).Value = True
        fd(2).Name = "SignatureCertificate" : fd(2).Value = cert
        fd(3).Name = "SignaturePassword" : fd(3).Value = ""
    Else
        ReDim Preserve fd(0) As New com.sun.star.beans.PropertyValue
    End If
    Dim a(2) As New com.sun.star.beans.PropertyValue
    a(0).Name = "FilterName" : a(0).Value = "writer_pdf_Export"
    a(1).Name = "FilterData" : a(1).Value = fd()
    a(2).Name = "Overwrite" : a(2).Value = True
    Dim t As Long
    t = GetSystemTicks()
    doc.storeToURL(url, a())
    Export = GetSystemTicks() - t
End Function

Function Ours(signer As Object, doc As Object, url As String, fp As String, visible As Boolean) As Long
    Dim o(4) As New com.sun.star.beans.PropertyValue
    o(0).Name = "Certificate" : o(0).Value = fp
    o(1).Name = "OutputUrl" : o(1).Value = url
    o(2).Name = "Overwrite" : o(2).Value = True
    o(3).Name = "Interactive" : o(3).Value = False
    o(4).Name = "Visible" : o(4).Value = visible
    Dim extra(0) As New com.sun.star.beans.PropertyValue
    extra(0).Name = "Notice" : extra(0).Value = visible
    Dim all(5) As New com.sun.star.beans.PropertyValue
    Dim i As Integer
    For i = 0 To 4 : all(i) = o(i) : Next i
    all(5) = extra(0)
    Dim t As Long
    t = GetSystemTicks()
    signer.signDocument(doc, all())
    Ours = GetSystemTicks() - t
End Function

' Each document size and margin: the exports and our signatures, in rounds.
' what: 0 plain, 1 PDF/A-2b, 2 LibreOffice signed, 3 ours invisible, 4 ours
' band + visible, 5 PDF/A-2b of the document with two Signature Lines, 6 ours
' on it (band + visible).
Sub DocumentRuns(signer As Object, fp As String, out As String)
    Dim cert As Object, noCert As Object
    cert = PersonalCertificate()
    Dim dir As String : dir = ConvertToURL(Environ("BSRE_BENCH_OUT")) & "/"
    Dim sizes(2) As Integer : sizes(0) = 1 : sizes(1) = 10 : sizes(2) = 100
    Dim margins(1) As Integer : margins(0) = 20 : margins(1) = 15
    Dim s As Integer, m As Integer, r As Integer, k As Integer, what As Integer, ms As Long
    Dim rounds As Integer : rounds = CInt(Environ("BSRE_BENCH_ROUNDS"))
    For s = 0 To 2
        For m = 0 To 1
            Dim doc As Object, lined As Object
            doc = MakeDoc(sizes(s), margins(m))
            lined = MakeDoc(sizes(s), margins(m))
            AddSignatureLines(lined)
            Export(doc, dir & "warm.pdf", False, noCert)
            Export(lined, dir & "warm.pdf", False, noCert)
            For r = 1 To rounds
                For k = 0 To 6
                    what = (k + r) Mod 7 ' a rotating order
                    Mark(sizes(s), margins(m), what)
                    Select Case what
                        Case 0 : ms = Export(doc, dir & "plain.pdf", False, noCert)
                        Case 1 : ms = Export(doc, dir & "pdfa.pdf", True, noCert)
                        Case 2 : ms = IIf(IsNull(cert), -1, Export(doc, dir & "lo-signed.pdf", True, cert))
                        Case 3 : ms = Ours(signer, doc, dir & "ours-invisible.pdf", fp, False)
                        Case 4 : ms = Ours(signer, doc, dir & "ours-band.pdf", fp, True)
                        Case 5 : ms = Export(lined, dir & "lines-pdfa.pdf", True, noCert)
                        Case 6 : ms = Ours(signer, lined, dir & "ours-lines.pdf", fp, True)
                    End Select
                    out = out & sizes(s) & " " & margins(m) & " " & what & " " & ms & Chr(10)
                Next k
            Next r
            doc.close(True)
            lined.close(True)
        Next m
    Next s
End Sub

' Several files (bench/office/batch.sh): signFiles over the folder
' BSRE_BENCH_IN, with the notice band (the default) and without; each line of
' the result is "what files signed milliseconds".
Function SignAll(signer As Object, fp As String, folder As String, outDir As String, notice As Boolean) As String
    Dim o(4) As New com.sun.star.beans.PropertyValue
    o(0).Name = "Certificate" : o(0).Value = fp
    o(1).Name = "OutputFolder" : o(1).Value = ConvertToURL(outDir)
    o(2).Name = "Overwrite" : o(2).Value = True
    o(3).Name = "Interactive" : o(3).Value = False
    o(4).Name = "Notice" : o(4).Value = notice
    Dim t As Long, results, i As Integer, signedCount As Integer
    t = GetSystemTicks()
    results = signer.signFiles(Array(ConvertToURL(folder)), o())
    t = GetSystemTicks() - t
    For i = LBound(results) To UBound(results)
        If results(i).Signed Then signedCount = signedCount + 1
    Next i
    SignAll = IIf(notice, "ours-band", "ours-plain") & " " & (UBound(results) - LBound(results) + 1) & " " & _
              signedCount & " " & t & Chr(10)
End Function

Sub BatchRuns(signer As Object, fp As String, out As String)
    ' A warm-up file first: the first export loads the Writer PDF filter and NSS.
    SignAll(signer, fp, Environ("BSRE_BENCH_WARM"), Environ("BSRE_BENCH_WARM_OUT"), True)
    out = out & SignAll(signer, fp, Environ("BSRE_BENCH_IN"), Environ("BSRE_BENCH_OUT_BAND"), True)
    out = out & SignAll(signer, fp, Environ("BSRE_BENCH_IN"), Environ("BSRE_BENCH_OUT_PLAIN"), False)
End Sub

' BSRE_BENCH_MODE=batch: BatchRuns, else DocumentRuns.
Sub Bench
    Dim out As String, f As Integer
    On Error GoTo Failed
    Dim signer As Object, certs, fp As String, i As Integer
    signer = CreateUnoService("id.bsresign.Signer")
    certs = signer.listCertificates()
    For i = LBound(certs) To UBound(certs)
        If certs(i).Usable And certs(i).CommonName = Environ("BSRE_BENCH_SIGNER") Then fp = certs(i).Fingerprint
    Next i
    If Environ("BSRE_BENCH_MODE") = "batch" Then
        BatchRuns(signer, fp, out)
    Else
        DocumentRuns(signer, fp, out)
    End If
    GoTo Done
Failed:
    out = out & "error " & Error$ & " (line " & Erl & ")" & Chr(10)
Done:
    On Error Resume Next
    f = FreeFile
    Open Environ("BSRE_BENCH_RESULT") For Output As #f
    Print #f, out
    Close #f
    StarDesktop.terminate()
End Sub
