' tests/deb_package.sh: what a user's LibreOffice reads for two settings that
' the example policy (packaging/policy) locks. Writes "Key|value|readonly" lines.
Sub CheckPolicy
    Dim result As String
    On Error GoTo Failed
    Dim p As New com.sun.star.beans.PropertyValue
    p.Name = "nodepath"
    Dim provider As Object
    provider = CreateUnoService("com.sun.star.configuration.ConfigurationProvider")
    Dim paths, keys, i As Integer
    paths = Array("/id.bsresign.Settings/Notice", "/id.bsresign.Settings/Signing")
    keys = Array("Text", "TsaUrl")
    For i = 0 To 1
        p.Value = paths(i)
        Dim node As Object
        node = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess", Array(p))
        Dim info As Object
        info = node.getPropertySetInfo().getPropertyByName(keys(i))
        result = result & keys(i) & "|" & node.getPropertyValue(keys(i)) & "|" & _
                 ((info.Attributes And com.sun.star.beans.PropertyAttribute.READONLY) <> 0) & Chr(10)
    Next i
    GoTo Done
Failed:
    result = "error|" & Error$ & Chr(10)
Done:
    On Error Resume Next
    Dim f As Integer
    f = FreeFile
    Open Environ("BSRE_POLICY_RESULT") For Output As #f
    Print #f, result;
    Close #f
    StarDesktop.terminate()
End Sub
