' Used by scripts/screenshots/options.sh: opens an empty Writer window, then
' Tools > Options at the page of BSrE Sign (.uno:OptionsTreeDialog with
' OptionsPageURL = the page of our leaf in /org.openoffice.Office.OptionsDialog).
' The dialog is modal: the dispatch returns when the script has photographed it
' and closed it (OK or Cancel). Then the macro reads the settings back through
' the configuration, writes them to the status file and ends the office.
Sub Note(text As String)
    Dim f As Integer
    f = FreeFile
    Open Environ("SHOTS_STATUS") For Append As #f
    Print #f, text
    Close #f
End Sub

Function CfgAccess(path As String) As Object
    Dim provider As Object
    provider = CreateUnoService("com.sun.star.configuration.ConfigurationProvider")
    Dim a(0) As New com.sun.star.beans.PropertyValue
    a(0).Name = "nodepath" : a(0).Value = path
    CfgAccess = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", a())
End Function

Sub ShowOptions
    On Error GoTo Failed
    Dim args(0) As New com.sun.star.beans.PropertyValue
    args(0).Name = "Hidden" : args(0).Value = False
    Dim doc As Object
    doc = StarDesktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, args())
    Note("loaded")
    Wait 1500
    Dim page As String
    Dim leaf As String
    leaf = Environ("SHOTS_LEAF")
    If leaf = "" Then leaf = "id.bsresign.Leaf"
    page = CfgAccess("/org.openoffice.Office.OptionsDialog/Nodes/id.bsresign.Node/Leaves/" & leaf).OptionsPage
    Note("page " & page)
    Dim opts(0) As New com.sun.star.beans.PropertyValue
    opts(0).Name = "OptionsPageURL" : opts(0).Value = page
    Dim dispatcher As Object
    dispatcher = CreateUnoService("com.sun.star.frame.DispatchHelper")
    dispatcher.executeDispatch(doc.CurrentController.Frame, ".uno:OptionsTreeDialog", "", 0, opts())
    Note("closed")
    Dim signing As Object
    signing = CfgAccess("/id.bsresign.Settings/Signing")
    Note("DefaultReason=" & signing.DefaultReason)
    Note("DefaultLocation=" & signing.DefaultLocation)
    Note("Visible=" & signing.Visible)
    doc.close(True)
    Note("done")
    GoTo Done
Failed:
    Note("error " & Error$)
Done:
    StarDesktop.terminate()
End Sub
