' Used by scripts/screenshots.sh: opens the sample letter in a visible Writer
' window, waits until the screenshot script says "go" (it may photograph the
' File menu first), then runs File > Sign with BSrE… (or, with SHOTS_VERIFY=1,
' File > Verify BSrE signatures… on a PDF in Draw; with SHOTS_BATCH=1, File >
' Sign several files with BSrE… on the folder SHOTS_FOLDER) through the dispatcher.
' The dialogs are modal, so the dispatch returns only after the script has
' photographed them and closed them; then the office is terminated.
Sub Note(text As String)
    Dim f As Integer
    f = FreeFile
    Open Environ("SHOTS_STATUS") For Append As #f
    Print #f, text
    Close #f
End Sub

' A setting of /id.bsresign.Settings/Signing, for this profile.
Sub SetSigning(key As String, value As String)
    SetSetting("Signing", key, value)
End Sub

' A setting of /id.bsresign.Settings/GROUP, for this profile.
Sub SetSetting(group As String, key As String, value As Variant)
    Dim provider As Object, node As Object
    Dim nodeArgs(0) As New com.sun.star.beans.PropertyValue
    provider = CreateUnoService("com.sun.star.configuration.ConfigurationProvider")
    nodeArgs(0).Name = "nodepath" : nodeArgs(0).Value = "/id.bsresign.Settings/" & group
    node = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess", nodeArgs())
    node.replaceByName(key, value)
    node.commitChanges()
End Sub

Sub ShowDialogs
    On Error GoTo Failed
    ' The LTV screenshots: a timestamp server, Level automatic (B-LT); the
    ' batch screenshots: a reason and a location in the dialog.
    If Environ("SHOTS_TSA") <> "" Then SetSigning("TsaUrl", Environ("SHOTS_TSA"))
    ' The BSrE account screenshots: IT configured BSrE's signing service.
    If Environ("SHOTS_SERVER") <> "" Then
        SetSetting("Server", "Url", Environ("SHOTS_SERVER"))
        SetSetting("Server", "Enabled", True)
        SetSetting("Server", "DocumentsLeaveDesk", True)
    End If
    If Environ("SHOTS_REASON") <> "" Then
        SetSigning("DefaultReason", Environ("SHOTS_REASON"))
        SetSigning("DefaultLocation", Environ("SHOTS_LOCATION"))
    End If
    ' SHOTS_VERIFY=1: SHOTS_LETTER is a signed PDF, opened in Draw, and the
    ' command is File > Verify BSrE signatures… instead.
    Dim verifying As Boolean
    verifying = Environ("SHOTS_VERIFY") = "1"
    ' SHOTS_PDF=1: SHOTS_LETTER is a PDF, opened in Draw, signed as it is.
    Dim inDraw As Boolean
    inDraw = verifying Or Environ("SHOTS_PDF") = "1"
    Dim args(1) As New com.sun.star.beans.PropertyValue
    args(0).Name = "Hidden" : args(0).Value = False
    args(1).Name = "FilterName" : args(1).Value = ""
    If inDraw Then args(1).Value = "draw_pdf_import"
    Dim doc As Object
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(Environ("SHOTS_LETTER")), "_blank", 0, args())
    Note("loaded")
    Dim i As Integer
    Do While Not FileExists(ConvertToURL(Environ("SHOTS_GO"))) And i < 1200
        Wait 100
        i = i + 1
    Loop
    Note("dispatching")
    Dim dispatcher As Object
    dispatcher = CreateUnoService("com.sun.star.frame.DispatchHelper")
    Dim command As String
    command = "vnd.bsresign:sign"
    If verifying Then command = "vnd.bsresign:verify"
    If Environ("SHOTS_BATCH") = "1" Then
        ' The batch dialog starts with the files of the folder.
        Dim files(0) As New com.sun.star.beans.PropertyValue
        files(0).Name = "Files" : files(0).Value = Array(ConvertToURL(Environ("SHOTS_FOLDER")))
        dispatcher.executeDispatch(doc.CurrentController.Frame, "vnd.bsresign:signfiles", "", 0, files())
    Else
        dispatcher.executeDispatch(doc.CurrentController.Frame, command, "", 0, Array())
    End If
    Note("dispatched")
    doc.close(True)
    GoTo Done
Failed:
    Note("error " & Error$)
Done:
    StarDesktop.terminate()
End Sub
