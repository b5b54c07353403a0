' Several files in one warm soffice (bench/office/batch.sh): signFiles over a
' folder of Writer letters, with the notice band (the default) and without,
' the PIN given once. Each line of the result file is
' "what files signed milliseconds". A benchmark: it never fails a build.
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

Sub BatchBench
    Dim out As String, f As Integer
    On Error GoTo Failed
    Dim signer As Object, certs, fp As String, i As Integer
    signer = CreateUnoService("id.bsresign.Signer")
    certs = signer.listCertificates()
    For i = LBound(certs) To UBound(certs)
        If certs(i).Usable And certs(i).CommonName = Environ("BSRE_BENCH_SIGNER") Then fp = certs(i).Fingerprint
    Next i
    ' A warm-up file first: the first export loads the Writer PDF filter and NSS.
    SignAll(signer, fp, Environ("BSRE_BENCH_WARM"), Environ("BSRE_BENCH_WARM_OUT"), True)
    out = out & SignAll(signer, fp, Environ("BSRE_BENCH_IN"), Environ("BSRE_BENCH_OUT_BAND"), True)
    out = out & SignAll(signer, fp, Environ("BSRE_BENCH_IN"), Environ("BSRE_BENCH_OUT_PLAIN"), False)
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
