' The demo's macro: opens the sample letter hidden and signs it through
' id.bsresign.Signer, the same code path as File > Sign with BSrE.
Sub SignDemo
    Dim result As String
    On Error GoTo Failed
    Dim args(0) As New com.sun.star.beans.PropertyValue
    args(0).Name = "Hidden" : args(0).Value = True
    Dim doc As Object
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(Environ("BSRE_DEMO_INPUT")), "_blank", 0, args())
    Dim signer As Object
    signer = CreateUnoService("id.bsresign.Signer")
    Dim certs, i As Integer, chosen As String
    certs = signer.listCertificates()
    For i = LBound(certs) To UBound(certs)
        If certs(i).Usable And certs(i).CommonName = Environ("BSRE_DEMO_SIGNER") Then chosen = certs(i).Fingerprint
    Next i
    Dim opts(6) As New com.sun.star.beans.PropertyValue
    opts(0).Name = "Certificate" : opts(0).Value = chosen
    opts(1).Name = "OutputUrl"   : opts(1).Value = ConvertToURL(Environ("BSRE_DEMO_OUTPUT"))
    opts(2).Name = "Reason"      : opts(2).Value = "Persetujuan"
    opts(3).Name = "Location"    : opts(3).Value = "Jakarta"
    opts(4).Name = "Visible"     : opts(4).Value = True
    opts(5).Name = "Interactive" : opts(5).Value = False
    ' Under the signer's name in the letter: x, y, width, height in points.
    opts(6).Name = "Rect"        : opts(6).Value = Array(330.0, 225.0, 220.0, 75.0)
    Dim r As Object
    r = signer.signDocument(doc, opts())
    result = "ok" & Chr(10) & ConvertFromURL(r.OutputUrl) & Chr(10) & r.SignerName & Chr(10) & r.SigningTime & Chr(10) & r.Level
    For i = LBound(r.Warnings) To UBound(r.Warnings)
        result = result & Chr(10) & "warning: " & r.Warnings(i)
    Next i
    doc.close(True)
    GoTo Done
Failed:
    result = "error" & Chr(10) & Error$
Done:
    ' Never leave a modal error box behind in a headless office.
    On Error Resume Next
    Dim f As Integer
    f = FreeFile
    Open Environ("BSRE_DEMO_RESULT") For Output As #f
    Print #f, result
    Close #f
    StarDesktop.terminate()
End Sub
